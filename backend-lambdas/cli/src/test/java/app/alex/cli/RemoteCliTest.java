package app.alex.cli;

import app.alex.api.ApiHandler;
import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.api.RouteTable;
import app.alex.core.extract.SamplePdfs;
import app.alex.embedded.EmbeddedBackend;
import app.alex.embedded.EmbeddedResearch;
import app.alex.research.ResearchService;
import app.alex.research.llm.ModelSettings;
import app.alex.researcher.ResearcherRouter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line against a remote knowledge base ({@code --api-url}, {@code --api-key}): a
 * server on loopback as {@code alex serve} runs it (the API and the researcher on one port, over an
 * embedded backend in its own folder), driven through the same client the desktop uses.
 */
class RemoteCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private EmbeddedBackend server;
    private ResearchService researcher;
    private LocalApiServer http;
    private String url;

    @BeforeEach
    void serve() throws Exception {
        // The real MiniLM: the extractive brief cites only passages close in meaning to the topic.
        server = EmbeddedBackend.open(tmp.resolve("server-kb"));
        researcher = EmbeddedResearch.open(server, ModelSettings.NONE, List::of);
        var keys = ApiKeys.parse("K");
        var api = new ApiRouter(server.knowledgeBase(), keys);
        var research = new ResearcherRouter(researcher, keys, Duration.ofMinutes(2), Map::of);
        ApiHandler both = RouteTable.join(api.routes(), research.routes());
        http = LocalApiServer.start("127.0.0.1", 0, both, new RateLimiter(1000, 1000, System::nanoTime));
        url = http.uri().toString();
    }

    @AfterEach
    void stop() {
        http.close();
        researcher.close();
        server.close();
    }

    private Run alex(String... args) {
        return Run.of(args);
    }

    private Run remote(String... args) {
        var all = new ArrayList<>(List.of("--api-url", url, "--api-key", "K"));
        all.addAll(List.of(args));
        return alex(all.toArray(String[]::new));
    }

    @Test
    void aColdCloudEmbeddingModelIsWaitedForWithALineSayingWhyAndTheSearchThenAnswers() throws Exception {
        // A stand-in for the cloud API whose embedding model is starting: one 503 with Retry-After, then the answer.
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        var cold = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        cold.createContext("/search", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                boolean first = calls.getAndIncrement() == 0;
                String body = first
                        ? "{\"error\":{\"code\":\"unavailable\",\"message\":\"The cloud embedding model is starting; try again in 1 s.\"}}"
                        : "{\"query\":\"gpu\",\"mode\":\"hybrid\",\"results\":[],\"took_ms\":1}";
                if (first) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                }
                exchange.getResponseHeaders().set("content-type", "application/json");
                byte[] out = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(first ? 503 : 200, out.length);
                exchange.getResponseBody().write(out);
            }
        });
        cold.start();
        try {
            Run search = alex("--api-url", "http://127.0.0.1:" + cold.getAddress().getPort(), "--api-key", "K", "search", "gpu");

            assertThat(search.exitCode()).as(search.err()).isZero();
            assertThat(search.err()).contains("alex: Waiting 1 s, then trying again (2 of")
                    .contains("The cloud embedding model is starting");
            assertThat(calls).hasValue(2);
        } finally {
            cold.stop(0);
        }
    }

    @Test
    void ingestingAPdfRemotelyThenSearchingWithJsonGivesEachHitTheRealPageOfItsPassage() throws Exception {
        Path pdf = SamplePdfs.write(tmp.resolve("report.pdf"), SamplePdfs.reportPages(4, 11), "Annual Report", null);

        Run ingest = remote("ingest", "--no-progress", pdf.toString());
        Run search = remote("search", "net interest income loan book deposit growth", "--json", "-k", "20",
                "--mode", "keyword");

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("created").contains(pdf.toString());
        assertThat(search.exitCode()).as(search.err()).isZero();
        JsonNode results = JSON.readTree(search.out()).path("results");
        assertThat(results).isNotEmpty();
        var pages = new ArrayList<Integer>();
        for (JsonNode hit : results) {
            int page = hit.path("page").asInt();
            var stored = server.knowledgeBase().chunks(hit.path("document_id").asText()).get(hit.path("chunk_index").asInt());
            assertThat(page).as("the page the server stored for that passage").isEqualTo(stored.page()).isBetween(1, 4);
            pages.add(page);
        }
        assertThat(pages.stream().distinct().count()).as("hits from more than one page").isGreaterThan(1);
    }

    @Test
    void docsListAndShowReadTheRemoteKnowledgeBaseWithTheSameJsonAsTheEmbeddedOne() throws Exception {
        Path pdf = SamplePdfs.write(tmp.resolve("report.pdf"), SamplePdfs.reportPages(2, 3), "Annual Report", null);
        remote("ingest", "--tag", "nvda", pdf.toString());

        Run list = remote("docs", "list", "--json");
        JsonNode document = JSON.readTree(list.out()).path("documents").get(0);
        Run show = remote("docs", "show", document.path("document_id").asText(), "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(document.path("title").asText()).isEqualTo("Annual Report");
        assertThat(document.path("tags")).extracting(JsonNode::asText).containsExactly("nvda"); // as typed
        JsonNode chunks = JSON.readTree(show.out()).path("chunks");
        assertThat(chunks).isNotEmpty().allSatisfy(c -> {
            assertThat(c.path("page").asInt()).isBetween(1, 2);
            assertThat(c.path("token_count").asInt()).isPositive();
        });
    }

    @Test
    void researchRunRemotelyIsInTheServersFeedAndItsCitationsOpenStoredDocuments() throws Exception {
        remote("ingest", SamplePdfs.write(tmp.resolve("report.pdf"), SamplePdfs.reportPages(2, 5), "Annual Report",
                null).toString());

        Run research = remote("research", "net interest income", "--json", "--quiet");
        Run feed = remote("feed", "--json");

        assertThat(research.exitCode()).as(research.err()).isZero();
        JsonNode report = JSON.readTree(research.out());
        assertThat(JSON.readTree(feed.out()).path("reports")).extracting(r -> r.path("id").asText())
                .contains(report.path("id").asText());
        assertThat(researcher.feed(new app.alex.core.research.FeedQuery(null, false, null, 10)).reports())
                .extracting(r -> r.id()).contains(report.path("id").asText());
        assertThat(report.path("citations")).isNotEmpty().allSatisfy(c -> assertThat(
                remote("docs", "show", c.path("document_id").asText()).exitCode()).isZero());
    }

    @Test
    void aFolderAndAnApiUrlTogetherAreRefusedAsBadUsage() {
        Run run = alex("--api-url", url, "--data-dir", tmp.resolve("other").toString(), "docs", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--data-dir").contains("--api-url");
    }

    @Test
    void aWrongKeyIsRefusedWithTheServersMessage() {
        Run run = alex("--api-url", url, "--api-key", "wrong", "docs", "list");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).containsIgnoringCase("key");
    }

    @Test
    void docsRmDeletesOnTheServerAndCompactSaysItWorksOnAFolderOnly() throws Exception {
        Path note = java.nio.file.Files.writeString(tmp.resolve("note.md"), "# Note\n\nCopper inventories fell.");
        remote("ingest", note.toString());
        String id = JSON.readTree(remote("docs", "list", "--json").out()).path("documents").get(0)
                .path("document_id").asText();

        Run rm = remote("docs", "rm", id);
        Run compact = remote("compact");

        assertThat(rm.exitCode()).as(rm.err()).isZero();
        assertThat(server.knowledgeBase().stats().documents()).isZero();
        assertThat(compact.exitCode()).isEqualTo(2);
        assertThat(compact.err()).contains("--api-url");
    }
}
