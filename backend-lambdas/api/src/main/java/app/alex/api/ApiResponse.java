package app.alex.api;

import java.util.Map;

/** An HTTP response: status, headers, body (JSON unless the status has none). */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
