package app.alex.api;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.error.RetryLaterException;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response: status, headers, body (JSON unless the status has none). A streamed response
 * (server-sent events) has a {@code stream} that writes as it goes; transports that cannot stream
 * (API Gateway, Lambda) never receive one, because routes only stream when asked to by the caller.
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body, Stream stream) {
    private static final Map<String, String> JSON_HEADERS = Map.of("content-type", "application/json");

    /** Writes a streamed body; an IOException means the client went away. */
    @FunctionalInterface
    public interface Stream {
        void writeTo(OutputStream out) throws IOException;
    }

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public ApiResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    public static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, JSON_HEADERS, ApiJson.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    /**
     * The error for a failure; a {@link RetryLaterException} (a cloud model that is starting) also
     * says when to try again, in {@code Retry-After}.
     */
    public static ApiResponse error(AlexException e) {
        ApiResponse response = error(e.code(), e.getMessage());
        if (e instanceof RetryLaterException later) {
            var headers = new LinkedHashMap<>(response.headers());
            headers.put("retry-after", Long.toString(later.retryAfterSeconds()));
            return new ApiResponse(response.status(), headers, response.body());
        }
        return response;
    }

    /** The error shape of every route: {@code {"error": {"code", "message"}}}. */
    public static ApiResponse error(ErrorCode code, String message) {
        var headers = new LinkedHashMap<>(JSON_HEADERS);
        if (code == ErrorCode.UNAUTHORIZED) {
            headers.put("www-authenticate", "ApiKey header=\"x-api-key\"");
        }
        try {
            byte[] body = ApiJson.MAPPER.writeValueAsBytes(Map.of("error", Map.of("code", code.wireName(), "message", message)));
            return new ApiResponse(code.httpStatus(), headers, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
