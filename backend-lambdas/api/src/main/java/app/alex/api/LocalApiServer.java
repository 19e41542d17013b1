package app.alex.api;

import app.alex.core.error.ErrorCode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cloud API on one machine ({@code alex serve}): the JDK's HTTP server on virtual threads in
 * front of the shared {@link ApiRouter}, with a request-body limit enforced while reading and
 * per-key throttling (429 with Retry-After).
 */
public final class LocalApiServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ApiHandler router;
    private final RateLimiter limiter;

    private LocalApiServer(HttpServer server, ApiHandler router, RateLimiter limiter) {
        this.server = server;
        this.router = router;
        this.limiter = limiter;
    }

    /** Starts on {@code host:port} (port 0 picks a free one). */
    public static LocalApiServer start(String host, int port, ApiHandler router, RateLimiter limiter) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        var api = new LocalApiServer(server, router, limiter);
        server.createContext("/", api::exchange);
        server.setExecutor(api.executor);
        server.start();
        return api;
    }

    public URI uri() {
        var address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response;
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            long wait = limiter == null ? 0 : limiter.acquire(key == null ? "anonymous" : key);
            byte[] body = wait > 0 ? null : readLimited(exchange.getRequestBody());
            if (wait > 0) {
                response = ApiRouter.error(ErrorCode.RATE_LIMITED, "Too many requests: slow down and retry in "
                        + wait + " s.");
                exchange.getResponseHeaders().add("Retry-After", Long.toString(wait));
            } else if (body == null) {
                response = ApiRouter.error(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than "
                        + ApiRouter.MAX_BODY_BYTES / (1024 * 1024) + " MB.");
            } else {
                var headers = new HashMap<String, String>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
                response = router.handle(new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        headers, query(exchange.getRequestURI().getRawQuery()), body));
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (response.stream() != null) {
                exchange.sendResponseHeaders(response.status(), 0); // chunked: written as it happens
                try (var out = exchange.getResponseBody()) {
                    response.stream().writeTo(out);
                }
            } else if (response.status() == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(response.status(), response.body().length);
                exchange.getResponseBody().write(response.body());
            }
        }
    }

    /** Reads at most the limit (plus one byte to notice more); null when the body is too large. */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(ApiRouter.MAX_BODY_BYTES + 1);
        return body.length > ApiRouter.MAX_BODY_BYTES ? null : body;
    }

    /** Decodes a raw query string; the first value of a repeated name wins. */
    public static Map<String, String> query(String raw) {
        var out = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(1);
        executor.close();
    }
}
