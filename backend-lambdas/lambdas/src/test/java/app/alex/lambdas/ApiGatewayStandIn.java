package app.alex.lambdas;

import app.alex.core.backend.KnowledgeBase;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A loopback stand-in for API Gateway: each HTTP request becomes REST proxy event JSON (through
 * JSON and back, as the Lambda runtime delivers it) for the Lambda handler that serves its route.
 */
final class ApiGatewayStandIn implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HttpServer gateway;

    ApiGatewayStandIn(KnowledgeBase kb) throws IOException {
        var ingest = new IngestHandler(kb);
        var search = new SearchHandler(kb);
        var documents = new DocumentsHandler(kb);
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            ObjectNode event = json.createObjectNode();
            event.put("resource", path.startsWith("/documents/") ? "/documents/{id}" : path);
            event.put("path", path);
            event.put("httpMethod", exchange.getRequestMethod());
            ObjectNode headers = event.putObject("headers");
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            ObjectNode query = event.putObject("queryStringParameters");
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            event.putObject("requestContext").put("requestId", "req-1").put("stage", "v1").putObject("identity")
                    .put("apiKey", headers.path("x-api-key").asText());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            event.put("body", body.isEmpty() ? null : body);
            event.put("isBase64Encoded", false);
            var request = json.readValue(json.writeValueAsBytes(event), APIGatewayProxyRequestEvent.class);
            APIGatewayProxyResponseEvent response = (IngestHandler.serves(request.getHttpMethod(), path) ? ingest
                    : SearchHandler.serves(request.getHttpMethod(), path) ? search : documents).handleRequest(request, null);
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        gateway.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
    }

    @Override
    public void close() {
        gateway.stop(0);
    }
}
