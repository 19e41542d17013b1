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
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI file is the contract: the router serves exactly its routes, statuses and body shapes. */
class OpenApiContractTest {
    private final ObjectMapper json = new ObjectMapper();
    private JsonNode spec;
    private ApiRouter router;

    @BeforeEach
    void setUp() throws Exception {
        spec = new ObjectMapper(new YAMLFactory()).readTree(getClass().getResourceAsStream("/openapi.yaml"));
        var index = new InMemoryVectorIndex();
        var embedder = new HashingEmbedder();
        router = new ApiRouter(new ServiceKnowledgeBase(new IngestService(new FileExtractor(),
                new SentenceChunker(new WordTokenizer()), embedder, index, Clock.systemUTC()),
                new SearchService(embedder, index), new LibraryService(index)), ApiKeys.parse("k"));
    }

    private ApiResponse call(String method, String path, String body, boolean withKey) {
        var headers = new HashMap<String, String>();
        headers.put("content-type", "application/json");
        if (withKey) {
            headers.put("x-api-key", "k");
        }
        return router.handle(new ApiRequest(method, path, headers, Map.of(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    private Set<String> declaredOperations() {
        var operations = new TreeSet<String>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    private Set<String> declaredStatuses(String operation) {
        String[] parts = operation.split(" ");
        var statuses = new TreeSet<String>();
        spec.get("paths").get(parts[1]).get(parts[0].toLowerCase()).get("responses").fieldNames().forEachRemaining(statuses::add);
        return statuses;
    }

    private void assertRequiredFields(JsonNode body, String schema) {
        spec.at("/components/schemas/" + schema + "/required").forEach(field ->
                assertThat(body.has(field.asText())).as(schema + "." + field.asText()).isTrue());
    }

    @Test
    void theRoutesServedAreExactlyTheRoutesDeclared() {
        assertThat(declaredOperations()).containsExactlyInAnyOrderElementsOf(
                ApiRouter.OPERATIONS.stream().map(Route::operation).toList());
        for (String wrongMethod : Set.of("GET /ingest", "DELETE /search", "POST /documents", "PUT /documents/x")) {
            String[] parts = wrongMethod.split(" ");
            assertThat(call(parts[0], parts[1], null, true).status()).as(wrongMethod).isEqualTo(405);
        }
        for (String unknownPath : Set.of("GET /health", "GET /", "GET /documents/x/y")) {
            String[] parts = unknownPath.split(" ");
            assertThat(call(parts[0], parts[1], null, true).status()).as(unknownPath).isEqualTo(404);
        }
    }

    @Test
    void everyOperationAnswersOnlyWithStatusesItDeclares() {
        for (String operation : declaredOperations()) {
            String[] parts = operation.split(" ");
            String path = parts[1].replace("{id}", "missing-id");
            Set<String> declared = declaredStatuses(operation);
            for (String body : new String[]{null, "{}", "{\"text\": \"A passage.\", \"query\": \"passage\"}", "not json"}) {
                for (boolean key : new boolean[]{true, false}) {
                    ApiResponse response = call(parts[0], path, body, key);
                    assertThat(declared).as(operation + " with body " + body + (key ? "" : " and no key"))
                            .contains(Integer.toString(response.status()));
                }
            }
        }
    }

    @Test
    void errorBodiesHaveTheDeclaredShapeAndCodes() throws Exception {
        var codes = new TreeSet<String>();
        spec.at("/components/schemas/Error/properties/error/properties/code/enum").forEach(c -> codes.add(c.asText()));
        for (ApiResponse response : new ApiResponse[]{call("POST", "/search", "{", true), call("POST", "/search", "{}", false),
                call("GET", "/documents/none", null, true), call("POST", "/ingest", "{}", true)}) {
            JsonNode body = json.readTree(response.body());
            assertRequiredFields(body, "Error");
            assertThat(codes).contains(body.get("error").get("code").asText());
            assertThat(body.get("error").get("message").asText()).isNotBlank();
        }
    }

    @Test
    void everyErrorCodeTheServerCanSendIsDeclared() {
        var codes = new TreeSet<String>();
        spec.at("/components/schemas/Error/properties/error/properties/code/enum").forEach(c -> codes.add(c.asText()));

        assertThat(codes).containsAll(java.util.Arrays.stream(app.alex.core.error.ErrorCode.values())
                .map(app.alex.core.error.ErrorCode::wireName).toList());
    }

    @Test
    void successBodiesCarryTheDeclaredRequiredFields() throws Exception {
        JsonNode ingested = json.readTree(call("POST", "/ingest", "{\"text\": \"Gross margin expanded.\", \"metadata\": {\"source\": \"/m\"}}", true).body());
        JsonNode searched = json.readTree(call("POST", "/search", "{\"query\": \"gross margin\"}", true).body());
        JsonNode page = json.readTree(call("GET", "/documents", null, true).body());
        JsonNode document = json.readTree(call("GET", "/documents/" + ingested.get("document_id").asText(), null, true).body());

        assertRequiredFields(ingested, "IngestResponse");
        assertRequiredFields(searched, "SearchResponse");
        searched.get("results").forEach(hit -> spec.at("/components/schemas/SearchResponse/properties/results/items/required")
                .forEach(field -> assertThat(hit.has(field.asText())).as(field.asText()).isTrue()));
        assertRequiredFields(page, "DocumentPage");
        assertRequiredFields(document, "Document");
        assertThat(call("DELETE", "/documents/" + ingested.get("document_id").asText(), null, true).status()).isEqualTo(204);
    }

    @Test
    void anIngestWithPageSpansIsAcceptedAndItsPassagesCarryTheDeclaredChunkFields() throws Exception {
        JsonNode ingested = json.readTree(call("POST", "/ingest", """
                {"text": "Page one.\\n\\nPage two.", "metadata": {"source": "/paged"},
                 "pages": [{"number": 1, "start": 0, "end": 9}, {"number": 2, "start": 11, "end": 20}]}""", true).body());
        JsonNode document = json.readTree(router.handle(new ApiRequest("GET", "/documents/"
                + ingested.get("document_id").asText(), Map.of("x-api-key", "k"), Map.of("include", "chunks"), null)).body());
        ApiResponse badPages = call("POST", "/ingest", """
                {"text": "Short.", "pages": [{"number": 1, "start": 0, "end": 99}]}""", true);

        assertThat(document.get("chunks")).isNotEmpty().allSatisfy(chunk -> spec
                .at("/components/schemas/Document/properties/chunks/items/required")
                .forEach(field -> assertThat(chunk.has(field.asText())).as(field.asText()).isTrue()));
        assertThat(document.get("chunks").get(0).get("page").asInt()).isEqualTo(1);
        assertThat(badPages.status()).isEqualTo(400);
    }
}
