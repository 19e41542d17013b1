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

    private APIGatewayV2HTTPEvent request(String method, String path, String query) throws Exception {
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(getClass().getResourceAsStream("/events/function-url-feed.json"));
        event.put("rawPath", path).put("rawQueryString", query);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("requestContext").path("http")).put("method", method).put("path", path);
        return json.treeToValue(event, APIGatewayV2HTTPEvent.class);
    }

    private static FunctionUrlTransport cloudResearcher(app.alex.core.backend.KnowledgeBase kb) {
        var service = new ResearchService(kb, Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(kb), List::of, ResearchAgent.Limits.standard(), Clock.systemUTC());
        return new FunctionUrlTransport(new ResearcherRouter(service, ApiKeys.parse(null), Duration.ofMinutes(5), Map::of));
    }

    @Test
    void overTheCloudKnowledgeBaseTheFeedListsTheReportWithCitationsToStoredDocumentsAndKeepsItsReadStateAcrossColdStarts()
            throws Exception {
        try (var s3Vectors = new app.alex.aws.fakes.FakeS3Vectors().createIndex("alex-kb", "chunks", 384, java.util.Set.of("text"));
             var sageMaker = new app.alex.aws.fakes.FakeSageMakerEndpoint("alex-minilm", app.alex.aws.fakes.HashedTokens::of)) {
            var tokenizer = app.alex.minilm.MiniLmTokenizer.load();
            java.util.function.Supplier<app.alex.core.backend.KnowledgeBase> coldStart = () -> app.alex.aws.CloudKnowledgeBase.wire(
                    app.alex.aws.sagemaker.SageMakerEmbedder.create(sageMaker.clientSettings(), "alex-minilm", tokenizer),
                    app.alex.aws.s3vectors.S3VectorsIndex.create(s3Vectors.clientSettings(), "alex-kb", "chunks"),
                    tokenizer, Clock.systemUTC());
            var kb = coldStart.get();
            kb.ingest(TextIngestRequest.of("Copper demand from grid investment rose 8 percent this year.", "Copper note", "copper.txt"));
            var transport = cloudResearcher(kb);

            JsonNode report = json.readTree(transport.handle(event("function-url-research.json"), null).getBody());
            JsonNode listed = json.readTree(transport.handle(event("function-url-feed.json"), null).getBody()).path("reports");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0)).isEqualTo(report);
            for (JsonNode citation : listed.get(0).path("citations")) {
                assertThat(kb.document(citation.path("document_id").asText()).title()).isEqualTo(citation.path("title").asText());
            }
            String id = report.path("id").asText();
            assertThat(transport.handle(request("PUT", "/research/" + id + "/read", ""), null).getStatusCode()).isBetween(200, 204);

            var afterColdStart = cloudResearcher(coldStart.get());
            JsonNode again = json.readTree(afterColdStart.handle(request("GET", "/research/" + id, ""), null).getBody());
            assertThat(again.path("read").asBoolean()).isTrue();
            assertThat(json.readTree(afterColdStart.handle(request("GET", "/research", "unread=true"), null).getBody())
                    .path("reports")).isEmpty();
        }
    }
}
