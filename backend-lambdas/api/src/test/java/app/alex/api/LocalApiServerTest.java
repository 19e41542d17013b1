package app.alex.api;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import app.alex.core.backend.ServiceKnowledgeBase;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The API over real HTTP on loopback, with the real use cases over an in-memory index. */
class LocalApiServerTest {
    static final String KEY = "test-key-123";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong clock = new AtomicLong();
    private LocalApiServer server;

    @BeforeEach
    void start() throws Exception {
        var index = new InMemoryVectorIndex();
        var embedder = new HashingEmbedder();
        var kb = new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer()),
                embedder, index, Clock.systemUTC()), new SearchService(embedder, index), new LibraryService(index));
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(kb, ApiKeys.parse("other," + KEY)),
                new RateLimiter(1000, 1000, clock::get));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (key != null) {
            builder.header("x-api-key", key);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void theSeedResearchersIngestBodyIsAcceptedAndIngestingItAgainIsUnchanged() throws Exception {
        String seed = """
                {"text": "NVIDIA data-center revenue grew on accelerator demand.",
                 "metadata": {"title": "NVDA note", "tickers": ["nvda"], "analyst": "alex"}}""";

        JsonNode first = ok(call("POST", "/ingest", seed, KEY));
        JsonNode second = ok(call("POST", "/ingest", seed, KEY));
        JsonNode stored = ok(call("GET", "/documents/" + first.get("document_id").asText(), null, KEY));

        assertThat(first.get("status").asText()).isEqualTo("created");
        assertThat(first.get("chunk_count").asInt()).isEqualTo(1);
        assertThat(second.get("status").asText()).isEqualTo("unchanged");
        assertThat(stored.get("title").asText()).isEqualTo("NVDA note");
        assertThat(stored.get("tags").get(0).asText()).isEqualTo("NVDA");
        assertThat(stored.get("metadata").get("analyst").asText()).isEqualTo("alex");
    }

    @Test
    void searchReturnsRankedResultsWithTextAndMetadataAndHonoursFilters() throws Exception {
        call("POST", "/ingest", "{\"text\": \"Reinvested dividends are recorded as new tax lots.\", \"source\": \"/a\"}", KEY);
        call("POST", "/ingest", "{\"text\": \"Rates were held steady by the central bank.\", \"source\": \"/b\", \"type\": \"note\"}", KEY);

        JsonNode all = ok(call("POST", "/search", "{\"query\": \"reinvested dividends\", \"top_k\": 2}", KEY));
        JsonNode notes = ok(call("POST", "/search", "{\"query\": \"reinvested dividends\", \"filter\": {\"type\": \"note\"}}", KEY));

        JsonNode first = all.get("results").get(0);
        assertThat(first.get("source").asText()).isEqualTo("/a");
        assertThat(first.get("text").asText()).contains("tax lots");
        assertThat(first.get("score").isNumber()).isTrue();
        assertThat(first.get("document_id").asText()).isNotBlank();
        assertThat(notes.get("results")).allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("note"));
    }

    @Test
    void documentsAreListedWithCursorsAndDeletedWith204ThenGone() throws Exception {
        for (int i = 0; i < 5; i++) {
            call("POST", "/ingest", "{\"text\": \"Document number " + i + ".\", \"source\": \"/d" + i + "\"}", KEY);
        }
        JsonNode page = ok(call("GET", "/documents?limit=3", null, KEY));
        JsonNode rest = ok(call("GET", "/documents?limit=3&cursor=" + page.get("next_cursor").asText(), null, KEY));
        String id = page.get("documents").get(0).get("document_id").asText();

        var deleted = call("DELETE", "/documents/" + id, null, KEY);
        var again = call("GET", "/documents/" + id, null, KEY);

        assertThat(page.get("documents")).hasSize(3);
        assertThat(rest.get("documents")).hasSize(2);
        assertThat(rest.get("next_cursor").isNull()).isTrue();
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json.readTree(again.body()).get("error").get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void aMissingKeyIs401AndAWrongKeyIs403() throws Exception {
        var missing = call("POST", "/search", "{\"query\": \"x\"}", null);
        var wrong = call("POST", "/search", "{\"query\": \"x\"}", "nope");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json.readTree(missing.body()).get("error").get("message").asText()).contains("x-api-key");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("nope");
    }

    @Test
    void callerMistakesGetClearFourHundredsWithoutInternals() throws Exception {
        var badJson = call("POST", "/search", "{\"query\": ", KEY);
        var topK = call("POST", "/search", "{\"query\": \"x\", \"top_k\": 101}", KEY);
        var noText = call("POST", "/ingest", "{\"metadata\": {}}", KEY);
        var route = call("GET", "/nowhere", null, KEY);
        var notJson = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/search"))
                .POST(HttpRequest.BodyPublishers.ofString("query=x")).header("content-type", "text/plain")
                .header("x-api-key", KEY).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("not valid JSON");
        assertThat(topK.statusCode()).isEqualTo(400);
        assertThat(topK.body()).contains("top_k must be between 1 and 100");
        assertThat(noText.statusCode()).isEqualTo(400);
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(notJson.statusCode()).isEqualTo(415);
        for (var r : List.of(badJson, topK, noText, route, notJson)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at app.alex");
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String huge = "{\"text\": \"" + "a".repeat(ApiRouter.MAX_BODY_BYTES) + "\"}";

        var response = call("POST", "/ingest", huge, KEY);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("error").get("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void requestsBeyondTheBurstAreThrottledWith429AndRetryAfterUntilTokensRefill() throws Exception {
        server.close();
        var kb = new ServiceKnowledgeBase(null, null, new LibraryService(new InMemoryVectorIndex()));
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(kb, ApiKeys.parse(KEY)),
                new RateLimiter(1, 2, clock::get));

        var first = call("GET", "/documents", null, KEY);
        var second = call("GET", "/documents", null, KEY);
        var third = call("GET", "/documents", null, KEY);
        clock.addAndGet(1_000_000_000L);
        var afterASecond = call("GET", "/documents", null, KEY);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("retry-after")).contains("1");
        assertThat(afterASecond.statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOfWrongKeysIsThrottledWith429PerAddressAndTheLockOutCoversTheRightKeyUntilItRefills() throws Exception {
        var answers = new java.util.ArrayList<Integer>();
        for (int i = 0; i < 30; i++) {
            answers.add(call("GET", "/documents", null, "guess-" + i).statusCode());
        }
        var lockedOut = call("GET", "/documents", null, "guess-x");
        var rightKeyDuringLockOut = call("GET", "/documents", null, KEY);
        clock.addAndGet(60_000_000_000L);
        var rightKeyLater = call("GET", "/documents", null, KEY);

        assertThat(answers.subList(0, 10)).containsOnly(403);
        assertThat(answers.subList(10, 30)).containsOnly(429);
        assertThat(lockedOut.headers().firstValue("retry-after")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        assertThat(json.readTree(lockedOut.body()).get("error").get("code").asText()).isEqualTo("rate_limited");
        assertThat(rightKeyDuringLockOut.statusCode()).isEqualTo(429);
        assertThat(rightKeyLater.statusCode()).isEqualTo(200);
    }
}
