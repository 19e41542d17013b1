package app.alex.api;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.backend.KnowledgeBaseJson;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.ingest.TextIngestRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The knowledge-base HTTP API, written once for every transport (the local server and the
 * Lambda handlers): authentication, routing, validation, JSON, and errors as
 * {@code {"error": {"code", "message"}}} with no internal detail.
 *
 * <p>Routes: {@code POST /ingest}, {@code POST /search}, {@code GET /documents},
 * {@code GET /documents/{id}}, {@code DELETE /documents/{id}}.
 */
public final class ApiRouter implements ApiHandler {
    /** Request bodies above this are refused (API Gateway passes at most 6 MB to a Lambda). */
    public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    /** Text per ingest request: about 1,500 passages, embeddable within API Gateway's 29 seconds. */
    public static final int MAX_INGEST_CHARS = 1_000_000;
    private static final Logger LOG = Logger.getLogger(ApiRouter.class.getName());
    private static final Pattern DOCUMENT = Pattern.compile("/documents/([^/]+)");
    private static final Map<String, String> JSON_HEADERS = Map.of("content-type", "application/json");

    private final KnowledgeBase knowledgeBase;
    private final ApiKeys keys;
    private final ObjectMapper json = ApiJson.MAPPER;

    /** @param keys accepted API keys; empty means no authentication (loopback development only) */
    public ApiRouter(KnowledgeBase knowledgeBase, ApiKeys keys) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase);
        this.keys = Objects.requireNonNull(keys);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        try {
            keys.authenticate(request);
            if (request.body().length > MAX_BODY_BYTES) {
                throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than "
                        + MAX_BODY_BYTES / (1024 * 1024) + " MB. Send large documents in parts of at most "
                        + MAX_INGEST_CHARS + " characters.");
            }
            String path = request.path().length() > 1 && request.path().endsWith("/")
                    ? request.path().substring(0, request.path().length() - 1) : request.path();
            Matcher document = DOCUMENT.matcher(path);
            return switch (request.method() + " " + (document.matches() ? "/documents/{id}" : path)) {
                case "POST /ingest" -> ok(200, ingest(body(request)));
                case "POST /search" -> ok(200, search(body(request)));
                case "GET /documents" -> ok(200, list(request.query()));
                case "GET /documents/{id}" -> ok(200, document(document.group(1), request.query()));
                case "DELETE /documents/{id}" -> {
                    knowledgeBase.delete(document.group(1));
                    yield new ApiResponse(204, Map.of(), new byte[0]);
                }
                default -> throw knownPath(path) ? new AlexException(ErrorCode.BAD_REQUEST,
                        "Method " + request.method() + " is not allowed on " + path + ".")
                        : AlexException.notFound("No such route: " + request.method() + " " + path + ".");
            };
        } catch (AlexException e) {
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure on " + request.method() + " " + request.path(), e);
            return error(ErrorCode.INTERNAL, "Something went wrong on the server; the request was not completed.");
        }
    }

    private static boolean knownPath(String path) {
        return path.equals("/ingest") || path.equals("/search") || path.equals("/documents") || DOCUMENT.matcher(path).matches();
    }

    private JsonNode body(ApiRequest request) {
        String type = request.header("content-type");
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new AlexException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send JSON with Content-Type: application/json.");
        }
        if (request.body().length == 0) {
            throw AlexException.badRequest("The request body is empty: send a JSON object.");
        }
        try {
            JsonNode node = json.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw AlexException.badRequest("The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw AlexException.badRequest("The request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (java.io.IOException e) {
            throw AlexException.badRequest("The request body could not be read.");
        }
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

    private Map<String, Object> list(Map<String, String> query) {
        return KnowledgeBaseJson.documentPage(knowledgeBase.documents(KnowledgeBaseJson.documentQuery(query)));
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

    static ApiResponse error(ErrorCode code, String message) {
        return ApiResponse.error(code, message);
    }
}
