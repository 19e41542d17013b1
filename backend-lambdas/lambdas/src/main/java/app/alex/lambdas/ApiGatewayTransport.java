package app.alex.lambdas;

import app.alex.api.ApiRequest;
import app.alex.api.ApiResponse;
import app.alex.api.ApiRouter;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway REST proxy events in and out of the shared {@link ApiRouter}: the Lambda transport
 * is this thin, so routing, validation and errors are the same as {@code alex serve}'s. API
 * Gateway already checked the API key (usage plan); the router runs without keys here. Each
 * request logs one JSON line with the request id, route and status (never the key or the body).
 */
public final class ApiGatewayTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiRouter router;

    public ApiGatewayTransport(ApiRouter router) {
        this.router = router;
    }

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        long start = System.nanoTime();
        byte[] body = event.getBody() == null ? new byte[0]
                : Boolean.TRUE.equals(event.getIsBase64Encoded()) ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        ApiResponse response = router.handle(new ApiRequest(event.getHttpMethod(), event.getPath(),
                event.getHeaders() == null ? Map.of() : new HashMap<>(event.getHeaders()),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(), body));
        log(context, event, response.status(), (System.nanoTime() - start) / 1_000_000);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(new String(response.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false);
    }

    private static void log(Context context, APIGatewayProxyRequestEvent event, int status, long millis) {
        var line = new LinkedHashMap<String, Object>();
        line.put("level", status >= 500 ? "ERROR" : "INFO");
        line.put("request_id", context == null ? null : context.getAwsRequestId());
        line.put("method", event.getHttpMethod());
        line.put("path", event.getPath());
        line.put("status", status);
        line.put("millis", millis);
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            System.out.println("{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}");
        }
    }
}
