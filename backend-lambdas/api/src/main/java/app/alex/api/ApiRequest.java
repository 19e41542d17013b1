package app.alex.api;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP request as any transport sees it (local server, API Gateway proxy event, function URL).
 * Header names are lower-cased; query values are already URL-decoded. {@code client} is the
 * caller's address where the transport knows it (the local server), else null.
 *
 * <p>The one place request bodies and the {@code limit} parameter are read, with one set of rules
 * for every route.
 */
public record ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                         byte[] body, String client) {
    /** Deeper JSON is refused with 400: no request of this API nests more than a few levels. */
    public static final int MAX_JSON_DEPTH = 32;

    private static final ObjectMapper BODY_READER = JsonMapper.builder(ApiJson.MAPPER.getFactory().copy()
                    .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build()))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    public ApiRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null ? "/" : path;
        headers = headers == null ? Map.of() : headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                        (a, b) -> a));
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body) {
        this(method, path, headers, query, body, null);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public ApiRequest withPath(String newPath) {
        return new ApiRequest(method, newPath, headers, query, body, client);
    }

    public ApiRequest withMethod(String newMethod) {
        return new ApiRequest(newMethod, path, headers, query, body, client);
    }

    /** The body as a JSON object; 415 for another content type, 400 when empty, not JSON, too deep, or not an object. */
    public JsonNode jsonObject() {
        if (body.length == 0) {
            throw AlexException.badRequest("The request body is empty: send a JSON object.");
        }
        return jsonObjectOrEmpty();
    }

    /** As {@link #jsonObject()}, but an empty body is an empty object (routes whose fields are all optional). */
    public JsonNode jsonObjectOrEmpty() {
        String type = header("content-type");
        if (body.length == 0) {
            return BODY_READER.createObjectNode();
        }
        if (type != null && !type.isBlank() && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new AlexException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send JSON with Content-Type: application/json.");
        }
        try {
            JsonNode node = BODY_READER.readTree(body);
            if (node == null || !node.isObject()) {
                throw AlexException.badRequest("The request body must be a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw AlexException.badRequest("The request body nests JSON deeper than " + MAX_JSON_DEPTH + " levels.");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw AlexException.badRequest("The request body is not valid JSON"
                    + (at == null ? "." : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")."));
        } catch (IOException e) {
            throw AlexException.badRequest("The request body could not be read.");
        }
    }

    /** Decodes a raw query string (the first value of a repeated name wins); bad %-encoding is a 400. */
    public static Map<String, String> parseQuery(String raw) {
        var out = new java.util.HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        try {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw AlexException.badRequest("The query string has a malformed %-escape.");
        }
        return out;
    }

    /** The {@code limit} query parameter: a whole number from 1 to {@code max}, {@code fallback} when absent. */
    public int limit(int fallback, int max) {
        String value = query.get("limit");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message as an out-of-range number
        }
        throw AlexException.badRequest("'limit' must be a whole number between 1 and " + max + ".");
    }
}
