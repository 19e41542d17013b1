package app.alex.api;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.backend.KnowledgeBaseJson;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentQuery;
import app.alex.core.ingest.TextIngestRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The knowledge-base HTTP API, written once for every transport (the local server and the
 * Lambda handlers): authentication, routing, validation, JSON, and errors as
 * {@code {"error": {"code", "message"}}} with no internal detail.
 *
 * <p>Routes (the {@link RouteTable} below): {@code POST /ingest}, {@code POST /search},
 * {@code GET /documents}, {@code GET /documents/{id}}, {@code DELETE /documents/{id}}.
 */
public final class ApiRouter implements RoutedHandler {
    /** Request bodies above this are refused (API Gateway passes at most 6 MB to a Lambda). */
    public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    /** Text per ingest request: about 1,500 passages, embeddable within API Gateway's 29 seconds. */
    public static final int MAX_INGEST_CHARS = 1_000_000;
    /** The cloud functions, as {@link Route#function()} names them. */
    public static final String INGEST_FUNCTION = "ingest", SEARCH_FUNCTION = "search", DOCUMENTS_FUNCTION = "documents";
    private static final Map<String, String> JSON_HEADERS = Map.of("content-type", "application/json");

    private final KnowledgeBase knowledgeBase;
    private final ObjectMapper json = ApiJson.MAPPER;
    private final RouteTable routes;

    /**
     * Every operation of this API, listed once: the Lambda handlers ({@link #functionFor}), the local
     * server and the OpenAPI check all read it.
     */
    public static final List<Route> OPERATIONS = new ApiRouter().routes.routes();
    private static final RouteTable SHAPE = RouteTable.of(ApiKeys.parse(null), OPERATIONS);

    /** @param keys accepted API keys; empty means no authentication (loopback development only) */
    public ApiRouter(KnowledgeBase knowledgeBase, ApiKeys keys) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase);
        this.routes = table(Objects.requireNonNull(keys));
    }

    /** The routes' shape alone, for {@link #OPERATIONS}: nothing is ever handled by it. */
    private ApiRouter() {
        this.knowledgeBase = null;
        this.routes = table(ApiKeys.parse(null));
    }

    private RouteTable table(ApiKeys keys) {
        return RouteTable.of(keys, List.of(
                Route.keyed("POST", "/ingest", INGEST_FUNCTION, (request, path) -> ok(200, ingest(body(request)))),
                Route.keyed("POST", "/search", SEARCH_FUNCTION, (request, path) -> ok(200, search(body(request)))),
                Route.keyed("GET", "/documents", DOCUMENTS_FUNCTION, (request, path) -> ok(200, list(request))),
                Route.keyed("GET", "/documents/{id}", DOCUMENTS_FUNCTION,
                        (request, path) -> ok(200, document(path.get("id"), request.query()))),
                Route.keyed("DELETE", "/documents/{id}", DOCUMENTS_FUNCTION, (request, path) -> {
                    knowledgeBase.delete(path.get("id"));
                    return new ApiResponse(204, Map.of(), new byte[0]);
                })));
    }

    /** The cloud function that serves a path (whatever the method, so a wrong one still gets its 405), if any. */
    public static Optional<String> functionFor(String path) {
        return SHAPE.functionFor(path);
    }

    /** The routes, listed once: the Lambda handlers and the OpenAPI check derive theirs from these. */
    public RouteTable routes() {
        return routes;
    }

    private static JsonNode body(ApiRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than "
                    + MAX_BODY_BYTES / (1024 * 1024) + " MB. Send large documents in parts of at most "
                    + MAX_INGEST_CHARS + " characters.");
        }
        return request.jsonObject();
    }

    // --- ingest ---------------------------------------------------------------------------

    private Map<String, Object> ingest(JsonNode body) {
        TextIngestRequest request = KnowledgeBaseJson.ingestRequest(body);
        if (request.text().length() > MAX_INGEST_CHARS) {
            throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE, "'text' has " + request.text().length()
                    + " characters; one request takes at most " + MAX_INGEST_CHARS + ". Split the document into parts.");
        }
        return KnowledgeBaseJson.ingestResult(knowledgeBase.ingest(request));
    }

    // --- search ---------------------------------------------------------------------------

    private Map<String, Object> search(JsonNode body) {
        return KnowledgeBaseJson.searchResponse(knowledgeBase.search(KnowledgeBaseJson.searchRequest(body)));
    }

    // --- documents ------------------------------------------------------------------------

    private Map<String, Object> list(ApiRequest request) {
        return KnowledgeBaseJson.documentPage(knowledgeBase.documents(
                KnowledgeBaseJson.documentQuery(request.query(), request.limit(50, DocumentQuery.MAX_LIMIT))));
    }

    private Map<String, Object> document(String id, Map<String, String> query) {
        DocumentRecord document = knowledgeBase.document(id);
        return "chunks".equals(query.get("include"))
                ? KnowledgeBaseJson.document(document, knowledgeBase.chunks(id)) : KnowledgeBaseJson.document(document);
    }

    // --- responses ------------------------------------------------------------------------

    private ApiResponse ok(int status, Object body) {
        try {
            return new ApiResponse(status, JSON_HEADERS, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
