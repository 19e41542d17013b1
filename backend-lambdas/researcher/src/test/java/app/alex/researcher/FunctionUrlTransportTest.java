package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.web.GuardedWebFetcher;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The researcher's Lambda transport fed real function URL event JSON, with the cloud feed (knowledge-base backed). */
class FunctionUrlTransportTest {
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private APIGatewayV2HTTPEvent event(String name) throws Exception {
        return json.readValue(getClass().getResourceAsStream("/events/" + name), APIGatewayV2HTTPEvent.class);
    }

    @Test
    void aResearchEventGetsTheWholeReportAndTheFeedEventListsIt() throws Exception {
        var kb = TestKnowledgeBases.inMemory();
        kb.ingest(TextIngestRequest.of("Copper demand from grid investment rose 8 percent this year.", "Copper note", "copper.txt"));
        var service = new ResearchService(kb, Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(kb), List::of, ResearchAgent.Limits.standard(), Clock.systemUTC());
        var transport = new FunctionUrlTransport(new ResearcherRouter(service, ApiKeys.parse(null), Duration.ofMinutes(5),
                () -> Map.of("model", service.modelName())));

        var research = transport.handle(event("function-url-research.json"), null);
        assertThat(research.getStatusCode()).as(research.getBody()).isEqualTo(200);
        assertThat(research.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode report = json.readTree(research.getBody());
        assertThat(report.path("topic").asText()).isEqualTo("Copper demand");
        assertThat(report.path("citations").get(0).path("title").asText()).isEqualTo("Copper note");

        var feed = transport.handle(event("function-url-feed.json"), null);
        assertThat(feed.getStatusCode()).isEqualTo(200);
        assertThat(json.readTree(feed.getBody()).path("reports").get(0).path("id").asText()).isEqualTo(report.path("id").asText());
    }
}
