package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRequest;
import app.alex.research.llm.ModelSettings;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.web.GuardedWebFetcher;
import app.alex.core.testing.TestKnowledgeBases;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /health needs no key, so it must never repeat the credentials a model URL may carry. */
class HealthRedactionTest {
    private static final String SECRET_URL = "https://alex:hunter2@llm.example.com/v1?api-key=sk-live-123";


    @Test
    void healthNamesTheModelServerWithoutTheCredentialsInItsUrl() {
        var model = ModelSettings.fromEnvironment(Map.of("ALEX_LLM", "openai", "ALEX_OPENAI_BASE_URL", SECRET_URL,
                "ALEX_OPENAI_MODEL", "llama3"));
        var kb = TestKnowledgeBases.inMemory();
        var service = new ResearchService(kb, model.open(),
                new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()), new KnowledgeBaseReportStore(kb), List::of,
                ResearchAgent.Limits.standard(), Clock.systemUTC());
        // as CloudResearch and alex serve build it
        var router = new ResearcherRouter(service, ApiKeys.parse("k"), Duration.ofMinutes(1), () -> {
            var health = new LinkedHashMap<String, Object>();
            health.put("model", model.describe());
            health.put("name", service.modelName());
            return health;
        });

        var response = router.handle(new ApiRequest("GET", "/health", Map.of(), Map.of(), null));
        String body = new String(response.body(), StandardCharsets.UTF_8);

        assertThat(response.status()).isEqualTo(200);
        assertThat(body).contains("llm.example.com").doesNotContain("hunter2").doesNotContain("sk-live-123");
    }
}
