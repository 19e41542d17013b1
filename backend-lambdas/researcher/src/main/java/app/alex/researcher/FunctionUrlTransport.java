package app.alex.researcher;

import app.alex.api.ApiHandler;
import app.alex.api.ApiRequest;
import app.alex.api.ApiResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda function URL events (payload format 2.0, which API Gateway HTTP APIs share) in and out of
 * the researcher's routes. The function URL checks IAM auth before the event arrives. Responses
 * are buffered: a function URL in BUFFERED mode cannot stream, so research answers with the whole
 * report, and the desktop shows its steps only against the HTTP server.
 */
public final class FunctionUrlTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiHandler handler;

    public FunctionUrlTransport(ApiHandler handler) {
        this.handler = handler;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "GET"
                : event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        byte[] body = event.getBody() == null ? new byte[0]
                : event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k, v));
        }
        headers.remove("accept"); // no streaming through a buffered function URL
        ApiResponse response = handler.handle(new ApiRequest(method, path, headers, ApiRequest.parseQuery(event.getRawQueryString()), body));
        log(context, method, path, response.status(), (System.nanoTime() - start) / 1_000_000);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(new String(response.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    private static void log(Context context, String method, String path, int status, long millis) {
        var line = new LinkedHashMap<String, Object>();
        line.put("level", status >= 500 ? "ERROR" : "INFO");
        line.put("request_id", context == null ? null : context.getAwsRequestId());
        line.put("method", method);
        line.put("path", path);
        line.put("status", status);
        line.put("millis", millis);
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            System.out.println("{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}");
        }
    }
}
