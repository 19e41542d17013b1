package app.alex.client;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * JSON over HTTP to an Alex service (the API or the researcher), with the API key header, the
 * server's {@code {"error": {"code", "message"}}} turned back into {@link AlexException}s, and
 * network trouble turned into a message that says what to check.
 *
 * <p>A 503 with {@code Retry-After} (the cloud embedding model is starting after an idle spell)
 * is tried again after the time the server asks for (at most {@value #LONGEST_WAIT_SECONDS} s a
 * wait, {@value #MOST_ATTEMPTS} tries, about three minutes in all: a cold start can take that
 * long); each wait is told to the {@link #onRetry} listener first, so a person sees why nothing
 * happens. The request is sent again unchanged: the API does nothing before it has embedded, so a
 * refused ingest stored nothing.
 */
public final class JsonHttp {
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final String service;
    private final FunctionUrlSigner signer;
    static final int MOST_ATTEMPTS = 12;
    static final int LONGEST_WAIT_SECONDS = 30;

    /** Waits between tries; tests pass one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private volatile Consumer<RetryStatus> onRetry = status -> { };
    private volatile Sleeper sleeper = d -> Thread.sleep(d);

    public JsonHttp(URI base, String apiKey, Duration timeout, String service) {
        this(base, apiKey, timeout, service, null);
    }

    /** @param signer signs each request (a Lambda function URL with IAM auth); null for API keys only */
    public JsonHttp(URI base, String apiKey, Duration timeout, String service, FunctionUrlSigner signer) {
        this.signer = signer;
        String url = Objects.requireNonNull(base).toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.service = service;
    }

    public URI base() {
        return base;
    }

    /** Told before each wait for a service that asked to be tried again later; replaces the previous listener. */
    public void onRetry(Consumer<RetryStatus> listener) {
        this.onRetry = Objects.requireNonNull(listener, "listener");
    }

    void sleeper(Sleeper newSleeper) {
        this.sleeper = Objects.requireNonNull(newSleeper);
    }

    public HttpClient client() {
        return http;
    }

    /** A request builder with the key header set (and signed, for a function URL), for callers that stream. */
    public HttpRequest.Builder request(String method, String path, byte[] body) {
        URI uri = URI.create(base + path);
        var builder = HttpRequest.newBuilder(uri);
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("x-api-key", apiKey);
        }
        if (signer != null) {
            signer.sign(builder, method, uri, body);
        }
        return builder;
    }

    public JsonNode send(String method, String path, JsonNode body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body);
            } catch (RetryLater later) {
                if (attempt == MOST_ATTEMPTS) {
                    throw later.error;
                }
                onRetry.accept(new RetryStatus(later.error.getMessage(), later.wait, attempt + 1, MOST_ATTEMPTS));
                try {
                    sleeper.sleep(later.wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw later.error;
                }
            }
        }
    }

    /** A 503 that says when to come back. */
    private static final class RetryLater extends RuntimeException {
        final AlexException error;
        final Duration wait;

        RetryLater(AlexException error, Duration wait) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.wait = wait;
        }
    }

    /** Seconds in {@code Retry-After} (the API sends seconds, never a date), within 1..LONGEST_WAIT_SECONDS. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        if (response.statusCode() != 503) {
            return Optional.empty();
        }
        return response.headers().firstValue("retry-after").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return Optional.of(Duration.ofSeconds(Math.clamp(seconds, 1, LONGEST_WAIT_SECONDS)));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty(); // an HTTP date: not what Alex sends; no automatic retry
            }
        });
    }

    private JsonNode sendOnce(String method, String path, JsonNode body) {
        byte[] bytes = body == null ? null : body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var builder = request(method, path, bytes).timeout(timeout).header("accept", "application/json");
        if (bytes != null) {
            builder.header("content-type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Cannot reach the " + service + " at " + base
                    + ": nothing answers there. Check the URL and that the server is running.", e);
        } catch (HttpTimeoutException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "The " + service + " at " + base + " did not answer within "
                    + timeout.toSeconds() + " s.", e);
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Cannot talk to the " + service + " at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlexException(ErrorCode.UNAVAILABLE, "Interrupted while waiting for the " + service + ".", e);
        }
        JsonNode out;
        try {
            out = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, base + " answered, but not like an " + service + " (HTTP "
                    + response.statusCode() + ", not JSON). Check the URL.");
        }
        if (response.statusCode() >= 400) {
            JsonNode error = out.path("error");
            if (error.isObject()) {
                var failure = new AlexException(code(error.path("code").asText(), response.statusCode()), error.path("message").asText());
                Optional<Duration> wait = retryAfter(response);
                if (wait.isPresent()) {
                    throw new RetryLater(failure, wait.get());
                }
                throw failure;
            }
            // API Gateway's own rejections use {"message": ...}
            String message = out.path("message").asText("HTTP " + response.statusCode());
            if (response.statusCode() == 403 && message.toLowerCase(Locale.ROOT).contains("forbidden")) {
                message = "The API key was refused (missing or wrong).";
            }
            throw new AlexException(code(null, response.statusCode()), message);
        }
        return out;
    }

    static ErrorCode code(String wire, int status) {
        if (wire != null) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.wireName().equals(wire)) {
                    return code;
                }
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            if (code.httpStatus() == status) {
                return code;
            }
        }
        return status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.BAD_REQUEST;
    }

}
