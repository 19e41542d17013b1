package app.alex.rehearsal;

import app.alex.researcher.FunctionUrlTransport;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for a Lambda function URL with IAM auth in front of the researcher's
 * {@link FunctionUrlTransport}: an unsigned request, or one signed for another service or region,
 * is refused 403 {@code {"Message":"Forbidden"}} before the function runs, as the service does;
 * a signed one becomes payload-2.0 event JSON (through JSON and back). The function's answer is
 * buffered whole, as the managed Java runtime cannot stream.
 */
final class LoopbackFunctionUrl implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpServer server;
    private final FunctionUrlTransport function;
    private final String region;
    private final List<String> refused = new ArrayList<>();

    LoopbackFunctionUrl(FunctionUrlTransport function, String region) {
        this.function = function;
        this.region = region;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // the scheduler and the desktop call at once
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests refused for their signature, as "METHOD path". */
    synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")
                    || !authorization.contains("/" + region + "/lambda/aws4_request")
                    || exchange.getRequestHeaders().getFirst("X-Amz-Date") == null) {
                synchronized (this) {
                    refused.add(method + " " + path);
                }
                send(exchange, 403, "application/json", "{\"Message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ObjectNode event = JSON.createObjectNode();
            event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path);
            String query = exchange.getRequestURI().getRawQuery();
            event.put("rawQueryString", query == null ? "" : query);
            ObjectNode headers = event.putObject("headers");
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            ObjectNode context = event.putObject("requestContext");
            context.put("accountId", "123456789012").put("requestId", "fn-" + System.nanoTime()).put("stage", "$default");
            context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                    .put("sourceIp", "127.0.0.1");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (body.length > 0) {
                event.put("body", new String(body, StandardCharsets.UTF_8));
            }
            event.put("isBase64Encoded", false);
            var request = JSON.treeToValue(JSON.readTree(JSON.writeValueAsBytes(event)), APIGatewayV2HTTPEvent.class);
            APIGatewayV2HTTPResponse response = function.handle(request, null);
            String contentType = response.getHeaders() == null ? "application/json"
                    : response.getHeaders().getOrDefault("content-type", "application/json");
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            send(exchange, response.getStatusCode(), contentType, out);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] out) throws IOException {
        exchange.getResponseHeaders().set("content-type", contentType);
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
