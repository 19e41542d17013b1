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

/**
 * JSON over HTTP to an Alex service (the API or the researcher), with the API key header, the
 * server's {@code {"error": {"code", "message"}}} turned back into {@link AlexException}s, and
 * network trouble turned into a message that says what to check.
 */
public final class JsonHttp {
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final String service;
    private final FunctionUrlSigner signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

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
                throw new AlexException(code(error.path("code").asText(), response.statusCode()), error.path("message").asText());
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
