package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRequest;
import app.alex.api.ApiResponse;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.web.GuardedWebFetcher;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The researcher's routes answer through the same edge as the knowledge-base API: same rules, same errors. */
class ResearcherRoutesTest {
    private ResearcherRouter router;

    @BeforeEach
    void setUp() {
        var kb = TestKnowledgeBases.inMemory();
        router = new ResearcherRouter(new ResearchService(kb, Optional.empty(),
                new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()), new KnowledgeBaseReportStore(kb), List::of,
                ResearchAgent.Limits.standard(), Clock.systemUTC()), ApiKeys.parse("k"), Duration.ofMinutes(1), Map::of);
    }

    private ApiResponse call(String method, String path, Map<String, String> query, String body) {
        return router.handle(new ApiRequest(method, path, Map.of("x-api-key", "k", "content-type", "application/json"), query,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    private String message(ApiResponse response) throws Exception {
        return new ObjectMapper().readTree(response.body()).get("error").get("message").asText();
    }

    @Test
    void aWrongMethodIs405WithAllowAndNotA400() {
        var onReport = call("POST", "/research/abc", Map.of(), "{}");
        var onAuto = call("GET", "/research/auto", Map.of(), null);

        assertThat(onReport.status()).isEqualTo(405);
        assertThat(onReport.headers()).containsEntry("allow", "GET, HEAD");
        assertThat(onAuto.status()).isEqualTo(405);
        assertThat(onAuto.headers()).containsEntry("allow", "POST");
    }

    @Test
    void theFeedTakesTheSameLimitRuleAsTheDocumentListWithItsOwnMaximum() throws Exception {
        var bad = call("GET", "/research", Map.of("limit", "abc"), null);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(message(bad)).isEqualTo("'limit' must be a whole number between 1 and 200.");
        assertThat(call("GET", "//research/", Map.of("limit", "5"), null).status()).isEqualTo(200);
    }

    @Test
    void deeplyNestedJsonAndBadReportIdsAreCallerMistakes() throws Exception {
        var deep = call("PUT", "/research/abc/read", Map.of(), "[".repeat(100_000));
        var strangeId = call("GET", "/research/..%2F..", Map.of(), null);

        assertThat(deep.status()).isEqualTo(400);
        assertThat(message(deep)).contains("deeper than");
        assertThat(strangeId.status()).isEqualTo(404);
    }

    @Test
    void healthIsPublicAndEverythingElseNeedsTheKey() {
        var health = router.handle(new ApiRequest("GET", "/health", Map.of(), Map.of(), null));
        var feed = router.handle(new ApiRequest("GET", "/research", Map.of(), Map.of(), null));

        assertThat(health.status()).isEqualTo(200);
        assertThat(feed.status()).isEqualTo(401);
    }
}
