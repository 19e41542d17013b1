package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.client.RemoteResearcher;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.web.GuardedWebFetcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The researcher's routes on a real loopback server, driven by the real remote client. */
class ResearcherOverHttpTest {
    private static final String KEY = "researcher-test-key";
    private LocalApiServer server;

    private LocalApiServer start(Researcher researcher, Duration limit) throws Exception {
        server = LocalApiServer.start("127.0.0.1", 0, new ResearcherRouter(researcher, ApiKeys.parse(KEY), limit,
                () -> Map.of("model", "extractive")), null);
        return server;
    }

    @BeforeEach
    void serve() throws Exception {
        var kb = TestKnowledgeBases.inMemory();
        kb.ingest(TextIngestRequest.of("Copper demand from grid investment rose 8 percent this year.", "Copper note", "copper.txt"));
        var researcher = new ResearchService(kb, Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(kb), () -> List.of("Copper demand"), ResearchAgent.Limits.standard(), Clock.systemUTC());
        // As `alex serve` does: the knowledge-base API and the researcher on one port, over one knowledge base.
        var api = new ApiRouter(kb, ApiKeys.parse(KEY));
        var research = new ResearcherRouter(researcher, ApiKeys.parse(KEY), Duration.ofMinutes(1), () -> Map.of("model", "extractive"));
        server = LocalApiServer.start("127.0.0.1", 0,
                app.alex.api.RouteTable.join(api.routes(), research.routes()), null);
    }

    private JsonNode get(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("x-api-key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void aReportResearchedOverHttpIsListedByGetResearchWithCitationsThatOpenStoredDocuments() throws Exception {
        ResearchReport report = client(KEY).research("Copper demand", s -> { });

        JsonNode listed = get("/research").path("reports");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(report.id());
        JsonNode citations = listed.get(0).path("citations");
        assertThat(citations).isNotEmpty();
        for (JsonNode citation : citations) {
            String documentId = citation.path("document_id").asText();
            assertThat(documentId).isNotBlank();
            JsonNode document = get("/documents/" + java.net.URLEncoder.encode(documentId, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(document.path("title").asText()).isEqualTo(citation.path("title").asText());
        }
        assertThat(get("/documents/" + report.id()).path("type").asText()).as("the report is a searchable document too")
                .isEqualTo("research");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteResearcher client(String key) {
        return new RemoteResearcher(server.uri(), key, Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    @Test
    void researchStreamsItsStepsThenTheReportWhichTheFeedThenLists() {
        List<ResearchStep> steps = new ArrayList<>();
        ResearchReport report = client(KEY).research("Copper demand", steps::add);

        assertThat(steps).extracting(ResearchStep::kind).startsWith(ResearchStep.Kind.SEARCHING)
                .endsWith(ResearchStep.Kind.DONE);
        assertThat(report.citations()).isNotEmpty();
        assertThat(report.markdown()).contains("Copper demand from grid investment");

        FeedPage feed = client(KEY).feed(FeedQuery.latest(10));
        assertThat(feed.reports()).extracting(ResearchReport::id).containsExactly(report.id());
        assertThat(feed.unread()).isEqualTo(1);
        client(KEY).markRead(report.id(), true);
        assertThat(client(KEY).report(report.id()).read()).isTrue();
        assertThat(client(KEY).feed(new FeedQuery(null, true, null, 10)).reports()).isEmpty();
    }

    @Test
    void aTransportThatCannotStreamStillGetsTheWholeReport() throws Exception {
        var router = new ResearcherRouter(new ResearchService(TestKnowledgeBases.inMemory(), Optional.empty(),
                new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()), new KnowledgeBaseReportStore(TestKnowledgeBases.inMemory()), List::of,
                ResearchAgent.Limits.standard(), Clock.systemUTC()), ApiKeys.parse(KEY), Duration.ofMinutes(1), Map::of);
        // Like a buffered function URL: the Accept header never reaches the router.
        try (var buffered = LocalApiServer.start("127.0.0.1", 0, request -> {
            var headers = new java.util.HashMap<>(request.headers());
            headers.keySet().removeIf(k -> k.equalsIgnoreCase("accept"));
            return router.handle(new app.alex.api.ApiRequest(request.method(), request.path(), headers, request.query(), request.body()));
        }, null)) {
            List<ResearchStep> steps = new ArrayList<>();
            var report = new RemoteResearcher(buffered.uri(), KEY, Duration.ofSeconds(10), Duration.ofMinutes(1))
                    .research("Anything at all", steps::add);
            assertThat(report.topic()).isEqualTo("Anything at all");
            assertThat(steps).isEmpty();
        }
    }

    @Test
    void autoResearchPicksFromTheWatchlistAndAnswersPlainJsonWithoutStreaming() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "/research/auto"))
                .header("x-api-key", KEY).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"topic\":\"Copper demand\"").contains("\"trigger\":\"scheduled\"");
    }

    @Test
    void theSchedulerCallingTwiceForOneSlotGetsOneReport() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int delivery = 0; delivery < 2; delivery++) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "/research/auto"))
                    .header("x-api-key", KEY).POST(HttpRequest.BodyPublishers.ofString("{\"slot\":\"2026-12-01T20:00:00Z\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            ids.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("id").asText());
        }
        assertThat(ids.get(1)).isEqualTo(ids.get(0)).startsWith("research-20261201-200000");
        assertThat(client(KEY).feed(FeedQuery.latest(10)).reports()).extracting(ResearchReport::id).containsExactly(ids.get(0));

        var bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "/research/auto"))
                .header("x-api-key", KEY).POST(HttpRequest.BodyPublishers.ofString("{\"slot\":\"soon\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("ISO-8601");
    }

    @Test
    void healthNeedsNoKeyAndTellsNoSecrets() throws Exception {
        var health = client(null).health();
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("model").asText()).isEqualTo("extractive");
        assertThat(health.toString()).doesNotContain(KEY);
    }

    @Test
    void aMissingOrWrongKeyIsRefusedClearly() {
        assertThatThrownBy(() -> client(null).feed(FeedQuery.latest(5)))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThatThrownBy(() -> client("wrong").research("x", s -> { }))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("API key is not valid");
        assertThatThrownBy(() -> client(KEY).report("missing")).hasMessageContaining("no research report");
        assertThatThrownBy(() -> client(KEY).research(" ", s -> { })).hasMessageContaining("topic is empty");
    }

    @Test
    void researchPastTheTimeLimitIsStoppedAndSaysSo() throws Exception {
        server.close();
        var interrupted = new CountDownLatch(1);
        Researcher stuck = new Researcher() {
            @Override
            public ResearchReport research(String topic, Consumer<ResearchStep> steps) {
                steps.accept(new ResearchStep(ResearchStep.Kind.SEARCHING, "Searching forever"));
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
            }

            @Override
            public ResearchReport researchAuto(Consumer<ResearchStep> steps) {
                return research("auto", steps);
            }

            @Override
            public FeedPage feed(FeedQuery query) {
                return new FeedPage(List.of(), null, 0);
            }

            @Override
            public ResearchReport report(String id) {
                throw AlexException.notFound("none");
            }

            @Override
            public void markRead(String id, boolean read) {
            }
        };
        start(stuck, Duration.ofMillis(200));
        List<ResearchStep> steps = new ArrayList<>();

        assertThatThrownBy(() -> client(KEY).research("anything", steps::add))
                .isInstanceOf(AlexException.class).hasMessageContaining("longer than 0 s and was stopped");
        interrupted.await();
        assertThat(steps).extracting(ResearchStep::message).containsExactly("Searching forever");
    }
}
