package app.alex.api;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The cloud API on one machine ({@code alex serve}, the researcher container): Jetty on virtual
 * threads in front of a transport-independent {@link ApiHandler}. Jetty, not the JDK's HttpServer,
 * because the JDK's drops the connection on oversized headers, answers its own errors (bad
 * %-encoding, malformed headers, {@code //path}) in HTML, and has no per-read timeout.
 *
 * <p>Here: headers over {@link Limits#maxHeaderBytes()} or more than {@link Limits#maxHeaders()}
 * answer 431; a body that stalls longer than {@link Limits#readTimeout()} or trickles slower than
 * {@link Limits#minBodyBytesPerSecond()} is cut off (408) without holding up other clients; idle
 * keep-alive connections close after the same timeout; bodies over {@link ApiRouter#MAX_BODY_BYTES}
 * are refused while reading (413); every error is the API's JSON. Requests are throttled per
 * {@link Caller} (429 with Retry-After) before any work is done.
 */
public final class LocalApiServer implements AutoCloseable {
    /** The server's protective limits. */
    public record Limits(int maxHeaderBytes, int maxHeaders, Duration readTimeout, long minBodyBytesPerSecond) {
        public static final Limits STANDARD = new Limits(16 * 1024, 100, Duration.ofSeconds(15), 1024);
    }

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ApiHandler handler;
    private final RateLimiter limiter;
    private final Limits limits;

    private LocalApiServer(ApiHandler handler, RateLimiter limiter, Limits limits) {
        this.handler = handler;
        this.limiter = limiter;
        this.limits = limits;
        var threads = new QueuedThreadPool();
        threads.setName("alex-http");
        threads.setVirtualThreadsExecutor(executor); // handlers block (body reads, research): one virtual thread each
        this.server = new Server(threads);
        var config = new HttpConfiguration();
        config.setRequestHeaderSize(limits.maxHeaderBytes());
        config.setIdleTimeout(limits.readTimeout().toMillis());
        config.setMinRequestDataRate(limits.minBodyBytesPerSecond());
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // '//documents' reaches the route table, which normalises it; other ambiguities stay 400.
        config.setUriCompliance(UriCompliance.DEFAULT.with("alex", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        this.connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setIdleTimeout(limits.readTimeout().toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors(limits));
        server.setHandler(new Edge());
    }

    /** Starts on {@code host:port} (port 0 picks a free one) with the standard limits; a null limiter does not throttle. */
    public static LocalApiServer start(String host, int port, ApiHandler router, RateLimiter limiter) throws IOException {
        return start(host, port, router, limiter, Limits.STANDARD);
    }

    public static LocalApiServer start(String host, int port, ApiHandler router, RateLimiter limiter, Limits limits)
            throws IOException {
        var api = new LocalApiServer(router, limiter, limits);
        api.connector.setHost(host);
        api.connector.setPort(port);
        try {
            api.server.start();
        } catch (IOException e) {
            api.close();
            throw e;
        } catch (Exception e) {
            api.close();
            throw new IOException("The HTTP server could not start on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return api;
    }

    public URI uri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
    }

    /** An oversized body up to this size is read and dropped so its 413 reaches the client; beyond it the connection closes. */
    static final long DISCARD_LIMIT = 4L * ApiRouter.MAX_BODY_BYTES;

    private final class Edge extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                respond(request, response, callback, answer(request));
            } catch (RuntimeException | IOException e) {
                callback.failed(e); // the client went away, or its body timed out: nothing more to say
            }
            return true;
        }

        private ApiResponse answer(Request request) throws IOException {
            try {
                HttpFields fields = request.getHeaders();
                if (fields.size() > limits.maxHeaders()) {
                    return ApiResponse.error(ErrorCode.HEADERS_TOO_LARGE, "The request has " + fields.size()
                            + " headers; at most " + limits.maxHeaders() + " are accepted.");
                }
                var headers = new HashMap<String, String>();
                for (HttpField field : fields) {
                    headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
                }
                var head = new ApiRequest(request.getMethod(), request.getHttpURI().getDecodedPath(), headers,
                        ApiRequest.parseQuery(request.getHttpURI().getQuery()), null, Request.getRemoteAddr(request));
                long wait = limiter == null ? 0 : limiter.admit(handler.caller(head), head.client());
                if (wait > 0) {
                    var error = ApiResponse.error(ErrorCode.RATE_LIMITED, "Too many requests: slow down and retry in " + wait + " s.");
                    var withRetry = new HashMap<>(error.headers());
                    withRetry.put("retry-after", Long.toString(wait));
                    return new ApiResponse(error.status(), withRetry, error.body());
                }
                long declared = request.getLength();
                if (declared > DISCARD_LIMIT) {
                    return closing(tooLarge());
                }
                byte[] body;
                try (InputStream in = Request.asInputStream(request)) {
                    body = readBody(in);
                    if (body.length > ApiRouter.MAX_BODY_BYTES) {
                        // Read the rest before answering: a connection closed with unread bytes is reset,
                        // and the reset can reach the client before the 413 does.
                        return discardRest(in) ? tooLarge() : closing(tooLarge());
                    }
                } catch (IOException | RuntimeException e) {
                    return unreadable(e);
                }
                // Past the body, a long silence is research at work, not a stalled client.
                request.addIdleTimeoutListener(timeout -> false);
                return handler.handle(new ApiRequest(head.method(), head.path(), head.headers(), head.query(), body, head.client()));
            } catch (AlexException e) {
                return ApiResponse.error(e);
            }
        }

        /**
         * Reads at most one byte over the limit. A pause longer than the read timeout fails the read
         * (Jetty's idle timeout); a body that keeps trickling is cut once, after the first read
         * timeout, it averages less than the minimum rate.
         */
        private byte[] readBody(InputStream in) throws IOException {
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long started = System.nanoTime();
            long grace = limits.readTimeout().toNanos();
            for (int n; out.size() <= ApiRouter.MAX_BODY_BYTES
                    && (n = in.read(buffer, 0, Math.min(buffer.length, ApiRouter.MAX_BODY_BYTES + 1 - out.size()))) >= 0; ) {
                out.write(buffer, 0, n);
                long elapsed = System.nanoTime() - started;
                if (elapsed > grace && out.size() < limits.minBodyBytesPerSecond() * (elapsed / 1e9)) {
                    throw new IOException(new TimeoutException("request body slower than "
                            + limits.minBodyBytesPerSecond() + " bytes/s"));
                }
            }
            return out.toByteArray();
        }

        /**
         * Reads and drops what is left of an oversized body, up to {@link #DISCARD_LIMIT} in all;
         * false when more is still coming (the answer then closes the connection).
         */
        private boolean discardRest(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long read = ApiRouter.MAX_BODY_BYTES + 1L;
            long started = System.nanoTime();
            long grace = limits.readTimeout().toNanos();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
                long elapsed = System.nanoTime() - started;
                if (read > DISCARD_LIMIT || elapsed > grace) {
                    return false;
                }
            }
            return true;
        }

        /** A body that stopped arriving (idle timeout, too slow) is 408; the connection closes after the answer. */
        private static ApiResponse unreadable(Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException || t instanceof HttpException h && h.getCode() == 408) {
                    return closing(ApiResponse.error(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive in time "
                            + "(it stalled, or arrived too slowly)."));
                }
            }
            return closing(ApiResponse.error(ErrorCode.BAD_REQUEST, "The request body could not be read."));
        }

        private static ApiResponse closing(ApiResponse response) {
            var headers = new HashMap<>(response.headers());
            headers.put("connection", "close");
            return new ApiResponse(response.status(), headers, response.body());
        }

        private static ApiResponse tooLarge() {
            return ApiResponse.error(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than "
                    + ApiRouter.MAX_BODY_BYTES / (1024 * 1024) + " MB.");
        }

        private void respond(Request request, Response response, Callback callback, ApiResponse answer) throws IOException {
            response.setStatus(answer.status());
            answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            if (answer.stream() != null) {
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    answer.stream().writeTo(out);
                }
                callback.succeeded();
            } else if (answer.status() == 204 || "HEAD".equals(request.getMethod())) {
                response.write(true, null, callback);
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
                response.write(true, ByteBuffer.wrap(answer.body()), callback);
            }
        }
    }

    /** Jetty's own refusals (bad request line, %-encoding, headers, timeouts) in the API's JSON. */
    private static final class JsonErrors extends ErrorHandler {
        private final Limits limits;

        JsonErrors(Limits limits) {
            this.limits = limits;
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(body(status));
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body(code)), callback);
        }

        private byte[] body(int status) {
            ApiResponse error = switch (status) {
                case 431 -> ApiResponse.error(ErrorCode.HEADERS_TOO_LARGE, "The request headers are too large (at most "
                        + limits.maxHeaderBytes() + " bytes and " + limits.maxHeaders() + " headers).");
                case 408 -> ApiResponse.error(ErrorCode.REQUEST_TIMEOUT, "The request did not arrive in time (a pause over "
                        + limits.readTimeout().toSeconds() + " s, or slower than " + limits.minBodyBytesPerSecond() + " bytes/s).");
                case 413 -> ApiResponse.error(ErrorCode.PAYLOAD_TOO_LARGE, "The request is too large.");
                case 404 -> ApiResponse.error(ErrorCode.NOT_FOUND, "No such route.");
                case 405 -> ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here.");
                default -> status >= 500
                        ? ApiResponse.error(ErrorCode.INTERNAL, "Something went wrong on the server; the request was not completed.")
                        : ApiResponse.error(ErrorCode.BAD_REQUEST, "The request is not valid HTTP: check the request line, "
                        + "the %-encoding of the path and query, and the headers.");
            };
            return error.body();
        }
    }

    /** Decodes a raw query string; the first value of a repeated name wins. */
    public static Map<String, String> query(String raw) {
        return ApiRequest.parseQuery(raw);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The HTTP server did not stop cleanly", e);
        } finally {
            executor.close();
        }
    }
}
