package app.alex.aws.fakes;

import app.alex.aws.client.CallPolicy;
import app.alex.aws.client.ClientSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for an AWS service: a JDK HTTP server on the loopback address and a free
 * port, which the real SDK client reaches through {@code endpointOverride}. It records every
 * request and can answer with scripted {@link Fault}s before doing the real work.
 */
public abstract class FakeAwsServer implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();
    /** Sent with every answer, so tests can check that no request id reaches an error message. */
    public static final String REQUEST_ID = "FAKE-REQUEST-0123456789";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final List<ScriptedFault> faults = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private static final class ScriptedFault {
        final String operation;
        final Fault fault;
        int remaining;

        ScriptedFault(String operation, Fault fault, int remaining) {
            this.operation = operation;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** What a handler answers: a status, an optional error type, a JSON (or raw) body. */
    protected record Answer(int status, String errorType, byte[] body) {
        static Answer json(Object value) {
            try {
                return new Answer(200, null, JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Answer error(int status, String errorType, String message) {
            return new Answer(status, errorType, ("{\"message\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8));
        }

        private static String quote(String s) {
            try {
                return JSON.writeValueAsString(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    protected FakeAwsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** The operation a request asks for, from its method and path. */
    protected abstract String operationOf(String method, String path);

    /** Does the work; runs when no fault is scripted for the call. */
    protected abstract Answer handle(String operation, String path, JsonNode body, byte[] raw);

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /**
     * Settings for a real SDK client aimed at this fake: test keys, an explicit region, and a
     * policy with millisecond backoff so retry tests stay fast.
     */
    public ClientSettings clientSettings() {
        return clientSettings(fastPolicy());
    }

    public ClientSettings clientSettings(CallPolicy policy) {
        return new ClientSettings("us-east-1", endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTFAKE", "test-secret-key")), policy);
    }

    public static CallPolicy fastPolicy() {
        return new CallPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The next {@code times} calls of {@code operation} (null: of any operation) answer {@code fault}. */
    public void failNext(String operation, Fault fault, int times) {
        synchronized (faults) {
            faults.add(new ScriptedFault(operation, fault, times));
        }
    }

    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    public List<RecordedCall> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    private Fault nextFault(String operation) {
        synchronized (faults) {
            for (Iterator<ScriptedFault> it = faults.iterator(); it.hasNext(); ) {
                ScriptedFault scripted = it.next();
                if (scripted.operation == null || scripted.operation.equals(operation)) {
                    if (--scripted.remaining <= 0) {
                        it.remove();
                    }
                    return scripted.fault;
                }
            }
            return null;
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String operation = operationOf(exchange.getRequestMethod(), path);
            JsonNode body = null;
            try {
                body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            } catch (IOException notJson) {
                // recorded as null
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            calls.add(new RecordedCall(operation, path, headers, body));

            Fault fault = nextFault(operation);
            Answer answer;
            if (fault != null && fault.stall()) {
                awaitClose();
                return;
            } else if (fault != null) {
                answer = Answer.error(fault.status(), fault.errorType(), fault.message());
            } else if (body == null) {
                answer = Answer.error(400, "SerializationException", "The request body is not JSON.");
            } else {
                try {
                    answer = handle(operation, path, body, raw);
                } catch (RuntimeException e) {
                    answer = Answer.error(500, "InternalServerException", "fake failed: " + e);
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-amzn-RequestId", REQUEST_ID);
            if (answer.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
