package app.alex.lambdas;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import app.alex.core.backend.ServiceKnowledgeBase;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Real API Gateway REST proxy event JSON through the Lambda transport into the shared router. */
class ApiGatewayTransportTest {
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private ApiGatewayTransport transport;

    @BeforeEach
    void setUp() {
        var index = new InMemoryVectorIndex();
        var embedder = new HashingEmbedder();
        var kb = new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer()),
                embedder, index, Clock.systemUTC()), new SearchService(embedder, index), new LibraryService(index));
        // API Gateway checks the key against the usage plan before the Lambda runs.
        transport = new ApiGatewayTransport(new ApiRouter(kb, ApiKeys.parse("")));
    }

    private APIGatewayProxyRequestEvent event(String name) throws Exception {
        return json.readValue(getClass().getResourceAsStream("/events/" + name), APIGatewayProxyRequestEvent.class);
    }

    @Test
    void aBase64IngestEventThenASearchEventFindTheDocument() throws Exception {
        var ingested = transport.handle(event("ingest-base64.json"), null);
        var searched = transport.handle(event("search.json"), null);

        assertThat(ingested.getStatusCode()).isEqualTo(200);
        assertThat(json.readTree(ingested.getBody()).get("status").asText()).isEqualTo("created");
        assertThat(searched.getStatusCode()).isEqualTo(200);
        assertThat(searched.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode first = json.readTree(searched.getBody()).get("results").get(0);
        assertThat(first.get("title").asText()).isEqualTo("Dividends");
    }

    @Test
    void errorsComeBackAsProxyResponsesWithTheApiErrorBody() throws Exception {
        var bad = event("search.json");
        bad.setBody("{\"query\": ");

        var response = transport.handle(bad, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json.readTree(response.getBody()).get("error").get("code").asText()).isEqualTo("bad_request");
    }

    @Test
    void eachRequestLogsOneJsonLineWithoutTheKeyOrTheBody() throws Exception {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true));
        try {
            transport.handle(event("search.json"), null);
        } finally {
            System.setOut(original);
        }

        JsonNode line = json.readTree(captured.toString().strip());
        assertThat(line.get("path").asText()).isEqualTo("/search");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(captured.toString()).doesNotContain("redacted-by-gateway").doesNotContain("reinvested");
    }
}
