package app.alex.lambdas;

import app.alex.core.backend.KnowledgeBase;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for API Gateway's REST API in front of the three Lambda handlers: each HTTP
 * request becomes REST proxy event JSON (through JSON and back, as the Lambda runtime delivers
 * it) for the handler whose resource it is. It holds the callers to what the real gateway
 * enforces before a Lambda runs: the usage plan's API key ({@code x-api-key}; missing or wrong
 * is 403 {@code {"message":"Forbidden"}}), the 10 MB request and Lambda's 6 MB invocation payload
 * (413), and Lambda's 6 MB response (502).
 */
public final class LoopbackApiGateway implements AutoCloseable {
    static final int MAX_GATEWAY_BODY = 10 * 1024 * 1024;
    static final int MAX_LAMBDA_PAYLOAD = 6 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpServer server;
    private final String apiKey;
    private final IngestHandler ingest;
    private final SearchHandler search;
    private final DocumentsHandler documents;
    private final AtomicInteger invocations = new AtomicInteger();

    /** @param apiKey the one key of the usage plan; null accepts any key (the handlers' own view) */
    public LoopbackApiGateway(KnowledgeBase knowledgeBase, String apiKey) {
        this.apiKey = apiKey;
        this.ingest = new IngestHandler(knowledgeBase);
        this.search = new SearchHandler(knowledgeBase);
        this.documents = new DocumentsHandler(knowledgeBase);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many times a Lambda handler ran. */
    public int invocations() {
        return invocations.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            if (apiKey != null && !apiKey.equals(key)) {
                send(exchange, 403, "{\"message\":\"Forbidden\"}");
                return;
            }
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (raw.length > MAX_GATEWAY_BODY) {
                send(exchange, 413, "{\"message\":\"Request Too Long\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            ObjectNode event = JSON.createObjectNode();
            event.put("resource", path.startsWith("/documents/") ? "/documents/{id}" : path);
            event.put("path", path);
            event.put("httpMethod", exchange.getRequestMethod());
            ObjectNode headers = event.putObject("headers");
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            ObjectNode query = event.putObject("queryStringParameters");
            String rawQuery = exchange.getRequestURI().getRawQuery();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    String value = eq < 0 ? "" : pair.substring(eq + 1);
                    query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
                }
            }
            event.putObject("requestContext").put("requestId", "req-" + invocations.get()).put("stage", "v1")
                    .putObject("identity").put("apiKey", key == null ? "" : key);
            String body = new String(raw, StandardCharsets.UTF_8);
            event.put("body", body.isEmpty() ? null : body);
            event.put("isBase64Encoded", false);
            byte[] payload = JSON.writeValueAsBytes(event);
            if (payload.length > MAX_LAMBDA_PAYLOAD) {
                send(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            var request = JSON.readValue(payload, APIGatewayProxyRequestEvent.class);
            invocations.incrementAndGet();
            ApiLambda handler = IngestHandler.serves(request.getHttpMethod(), path) ? ingest
                    : SearchHandler.serves(request.getHttpMethod(), path) ? search : documents;
            APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);
            byte[] answer = JSON.writeValueAsBytes(response);
            if (answer.length > MAX_LAMBDA_PAYLOAD) {
                send(exchange, 502, "{\"message\":\"Internal server error\"}");
                return;
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            }
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
