package app.alex.api;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The knowledge-base HTTP API, written once for every transport (the local server and the
 * Lambda handlers): authentication, routing, validation, JSON, and errors as
 * {@code {"error": {"code", "message"}}} with no internal detail.
 *
 * <p>Routes (the {@link RouteTable} below): {@code POST /ingest}, {@code POST /search},
 * {@code GET /documents}, {@code GET /documents/{id}}, {@code DELETE /documents/{id}}.
 */
public final class ApiRouter implements ApiHandler {
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

    @Override
    public ApiResponse handle(ApiRequest request) {
        return routes.handle(request);
    }

    @Override
    public Caller caller(ApiRequest request) {
        return routes.caller(request);
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
        JsonNode textNode = body.get("text");
        if (textNode == null || !textNode.isTextual() || textNode.asText().isBlank()) {
            throw AlexException.badRequest("'text' is required: the text to ingest, as a non-empty string.");
        }
        String text = textNode.asText();
        if (text.length() > MAX_INGEST_CHARS) {
            throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE, "'text' has " + text.length()
                    + " characters; one request takes at most " + MAX_INGEST_CHARS + ". Split the document into parts.");
        }
        JsonNode metadata = body.path("metadata");
        if (!metadata.isMissingNode() && !metadata.isNull() && !metadata.isObject()) {
            throw AlexException.badRequest("'metadata' must be a JSON object.");
        }
        String title = firstText(body, metadata, "title");
        String source = firstText(body, metadata, "source", "url");
        String type = firstText(body, metadata, "type");
        var tags = new ArrayList<String>();
        for (String field : List.of("tags", "tickers", "ticker")) {
            tags.addAll(strings(body.get(field)));
            tags.addAll(strings(metadata.get(field)));
        }
        String date = firstText(body, metadata, "date");
        var attributes = new LinkedHashMap<String, String>();
        metadata.fields().forEachRemaining(e -> {
            if (!Set.of("title", "source", "url", "type", "tags", "tickers", "ticker", "date").contains(e.getKey())) {
                attributes.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        String id = body.hasNonNull("id") ? body.get("id").asText() : null;
        IngestResult result = knowledgeBase.ingest(new TextIngestRequest(id, text, title, source,
                type == null ? null : DocumentType.parse(type), tags, date == null ? null : parseDate(date, "date"),
                firstText(body, metadata, "media_type"), attributes));
        var out = new LinkedHashMap<String, Object>();
        out.put("document_id", result.documentId());
        out.put("status", result.status().wireName());
        out.put("chunk_count", result.chunkCount());
        out.put("title", result.title());
        return out;
    }

    private static String firstText(JsonNode body, JsonNode metadata, String... fields) {
        for (String field : fields) {
            for (JsonNode node : List.of(body.path(field), metadata.path(field))) {
                if (node.isTextual() && !node.asText().isBlank()) {
                    return node.asText();
                }
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText().split(","));
        }
        if (node.isArray()) {
            var out = new ArrayList<String>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        }
        throw AlexException.badRequest("Tags must be a string or an array of strings.");
    }

    // --- search ---------------------------------------------------------------------------

    private Map<String, Object> search(JsonNode body) {
        String query = body.path("query").asText(null);
        if (query == null || query.isBlank()) {
            throw AlexException.badRequest("'query' is required: what to search for.");
        }
        JsonNode topK = body.path("top_k");
        if (!topK.isMissingNode() && !topK.canConvertToInt()) {
            throw AlexException.badRequest("'top_k' must be a whole number between 1 and 100.");
        }
        SearchResponse response = knowledgeBase.search(new SearchRequest(query,
                topK.isMissingNode() ? SearchRequest.DEFAULT_TOP_K : topK.asInt(), filter(body.path("filter")),
                SearchMode.parse(body.path("mode").asText(null))));
        var out = new LinkedHashMap<String, Object>();
        out.put("query", response.query());
        out.put("mode", response.mode().wireName());
        out.put("results", response.results().stream().map(ApiViews::searchHit).toList());
        return out;
    }

    private static SearchFilter filter(JsonNode filter) {
        if (filter.isMissingNode() || filter.isNull()) {
            return SearchFilter.NONE;
        }
        if (!filter.isObject()) {
            throw AlexException.badRequest("'filter' must be a JSON object.");
        }
        var types = new LinkedHashSet<DocumentType>();
        for (String field : List.of("type", "types")) {
            strings(filter.get(field)).forEach(t -> types.add(DocumentType.parse(t)));
        }
        var tags = new LinkedHashSet<String>();
        for (String field : List.of("tags", "tickers", "tag", "ticker")) {
            tags.addAll(strings(filter.get(field)));
        }
        String source = filter.path("source").asText(null);
        return new SearchFilter(types, tags, source, optionalDate(filter, "since"), optionalDate(filter, "until"));
    }

    private static Instant optionalDate(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        return value == null || value.isBlank() ? null : parseDate(value, field);
    }

    static Instant parseDate(String value, String field) {
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADay) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw AlexException.badRequest("'" + field + "' must be a date like 2024-01-31 or an instant like "
                        + "2024-01-31T12:00:00Z.");
            }
        }
    }

    // --- documents ------------------------------------------------------------------------

    private Map<String, Object> list(ApiRequest request) {
        Map<String, String> query = request.query();
        int limit = request.limit(50, DocumentQuery.MAX_LIMIT);
        ObjectNode filter = json.createObjectNode();
        query.forEach((k, v) -> {
            if (Set.of("type", "tags", "source", "since", "until").contains(k)) {
                filter.put(k, v);
            }
        });
        var sort = "title".equals(query.get("sort")) ? DocumentQuery.Sort.TITLE : DocumentQuery.Sort.NEWEST_INGESTED;
        DocumentPage page = knowledgeBase.documents(new DocumentQuery(filter(filter), query.get("cursor"), limit, sort));
        var out = new LinkedHashMap<String, Object>();
        out.put("documents", page.documents().stream().map(ApiViews::document).toList());
        out.put("next_cursor", page.nextCursor());
        return out;
    }

    private Map<String, Object> document(String id, Map<String, String> query) {
        Map<String, Object> out = ApiViews.document(knowledgeBase.document(id));
        if ("chunks".equals(query.get("include"))) {
            out.put("chunks", knowledgeBase.chunks(id).stream().map(ApiViews::chunk).toList());
        }
        return out;
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
