package app.alex.edgar.http;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.edgar.EdgarConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * SEC EDGAR over HTTP, politely: every request names who is asking (the User-Agent EDGAR
 * requires), asks for gzip, keeps to 10 requests a second, and waits and tries again when EDGAR
 * says it is busy (429, 503; Retry-After honoured). Every failure is an {@link AlexException} whose
 * message names what was asked for and the address.
 */
public final class EdgarClient {
    /** The first try and up to three more when EDGAR is busy or a download breaks off. */
    public static final int DEFAULT_ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** A Retry-After longer than this is cut to it: the person at the terminal is waiting. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** Larger than any primary document EDGAR holds (the biggest 10-Ks are tens of megabytes). */
    static final long MAX_BODY_BYTES = 256L * 1024 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final EdgarConfig config;
    private final HttpClient http;
    private final RequestPacer pacer;
    private final Sleeper sleeper;
    private final int attempts;

    public EdgarClient(EdgarConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build(), RequestPacer.secLimit(), Sleeper.SYSTEM, DEFAULT_ATTEMPTS);
    }

    public EdgarClient(EdgarConfig config, HttpClient http, RequestPacer pacer, Sleeper sleeper, int attempts) {
        this.config = config;
        this.http = http;
        this.pacer = pacer;
        this.sleeper = sleeper;
        this.attempts = Math.max(1, attempts);
    }

    public EdgarConfig config() {
        return config;
    }

    /** An address on the JSON API host (data.sec.gov). */
    public URI dataUrl(String path) {
        return URI.create(config.dataUrl() + path);
    }

    /** An address on the archives host (www.sec.gov). */
    public URI archivesUrl(String path) {
        return URI.create(config.archivesUrl() + path);
    }

    /** One answer: the body (decompressed) and its content type ("" when EDGAR sent none). */
    public record Download(URI url, byte[] body, String contentType) {
    }

    /**
     * A JSON answer.
     *
     * @param what what was asked for, for messages: "the submissions of CIK 0000320193"
     */
    public JsonNode json(URI url, String what) {
        Download download = get(url, what);
        try {
            JsonNode node = JSON.readTree(download.body());
            if (node == null || node.isMissingNode()) {
                throw notJson(download, what);
            }
            return node;
        } catch (IOException e) {
            // Jackson's parse errors are IOExceptions; reading from a byte array fails no other way.
            throw notJson(download, what);
        }
    }

    /** A filing's primary document, which must be HTML (or XHTML: inline XBRL). */
    public Download html(URI url, String what) {
        Download download = get(url, what);
        String type = download.contentType().toLowerCase(Locale.ROOT);
        boolean htmlType = type.isEmpty() || type.startsWith("text/html") || type.startsWith("application/xhtml")
                || type.startsWith("text/xml") || type.startsWith("application/xml");
        if (!htmlType || !looksLikeMarkup(download.body())) {
            throw new AlexException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The " + what + " at " + url + " is not HTML ("
                    + (type.isEmpty() ? "its content does not start with markup" : "EDGAR sent " + download.contentType())
                    + "); Alex imports filings whose primary document is an HTML page.");
        }
        return download;
    }

    /** Any answer, after the status checks, the retries and decompression. */
    public Download get(URI url, String what) {
        var request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("User-Agent", config.userAgent())
                .header("Accept-Encoding", "gzip")
                .GET().build();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= attempts;
            pacer.acquire();
            Outcome outcome = send(request, what);
            switch (outcome) {
                case Outcome.Done done -> {
                    return done.download();
                }
                case Outcome.Busy busy when !last -> pause(busy.retryAfter() != null ? busy.retryAfter() : backoff(attempt));
                case Outcome.Broken broken when !last -> pause(backoff(attempt));
                case Outcome.Busy busy -> throw new AlexException(busy.status() == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.UNAVAILABLE,
                        "EDGAR kept answering " + busy.status() + (busy.status() == 429 ? " (too many requests)" : " (service unavailable)")
                                + " for " + what + " at " + url + " after " + attempts + " attempts; try again in a few minutes.");
                case Outcome.Broken broken -> throw broken.error();
            }
        }
    }

    /** What one attempt gave: an answer, "busy, wait this long", or a failure worth another try. */
    private sealed interface Outcome {
        record Done(Download download) implements Outcome {
        }

        /** @param retryAfter what EDGAR asked for, or null to back off exponentially */
        record Busy(int status, Duration retryAfter) implements Outcome {
        }

        record Broken(AlexException error) implements Outcome {
        }
    }

    private Outcome send(HttpRequest request, String what) {
        URI url = request.uri();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return new Outcome.Broken(new AlexException(ErrorCode.REQUEST_TIMEOUT,
                    "EDGAR did not answer in time for " + what + " at " + url + ".", e));
        } catch (ConnectException e) {
            return new Outcome.Broken(new AlexException(ErrorCode.UNAVAILABLE,
                    "Cannot reach EDGAR at " + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                            + " (" + describe(e) + ") for " + what + ".", e));
        } catch (IOException e) {
            return new Outcome.Broken(new AlexException(ErrorCode.UNAVAILABLE,
                    "The connection to EDGAR broke while asking for " + what + " at " + url + " (" + describe(e) + ").", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlexException(ErrorCode.UNAVAILABLE, "Stopped while waiting for EDGAR to send " + what + ".", e);
        }
        int status = response.statusCode();
        if (status == 429 || status == 503) {
            discard(response.body());
            return new Outcome.Busy(status, retryAfter(response).orElse(null));
        }
        if (status != 200) {
            discard(response.body());
            throw statusError(status, url, what);
        }
        return read(response, what);
    }

    private AlexException statusError(int status, URI url, String what) {
        return switch (status) {
            case 403 -> new AlexException(ErrorCode.FORBIDDEN, "EDGAR refused the request for " + what + " at " + url
                    + " (403 Forbidden). It refuses clients whose User-Agent is missing or does not name a person and an "
                    + "e-mail address; " + EdgarConfig.USER_AGENT_ENV + " is \"" + config.userAgent() + "\". Set it to "
                    + "something like \"Jane Doe jane@example.com\". (EDGAR also answers 403 for about ten minutes "
                    + "to a client that sent more than 10 requests a second.)");
            case 404, 410 -> AlexException.notFound("EDGAR has no " + what + " at " + url + ".");
            default -> new AlexException(status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.UNPROCESSABLE_DOCUMENT,
                    "EDGAR answered " + status + " for " + what + " at " + url + ".");
        };
    }

    private Outcome read(HttpResponse<InputStream> response, String what) {
        URI url = response.uri();
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        byte[] raw;
        try (InputStream in = response.body()) {
            raw = readAtMost(in, MAX_BODY_BYTES, url, what);
        } catch (IOException e) {
            return new Outcome.Broken(cutShort(url, what, "the connection closed before the end" + declared.stream()
                    .mapToObj(n -> " of its " + n + " bytes").findFirst().orElse("") + " (" + describe(e) + ")", e));
        }
        if (declared.isPresent() && declared.getAsLong() != raw.length) {
            return new Outcome.Broken(cutShort(url, what, "got " + raw.length + " of " + declared.getAsLong() + " bytes", null));
        }
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
        byte[] body;
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                body = readAtMost(in, MAX_BODY_BYTES, url, what);
            } catch (EOFException e) {
                return new Outcome.Broken(cutShort(url, what, "its gzip stream ends early", e));
            } catch (ZipException e) {
                return new Outcome.Broken(cutShort(url, what, "its gzip stream is damaged (" + describe(e) + ")", e));
            } catch (IOException e) {
                return new Outcome.Broken(cutShort(url, what, "its gzip stream could not be read (" + describe(e) + ")", e));
            }
        } else if (encoding.isEmpty() || encoding.equals("identity")) {
            body = raw;
        } else {
            throw new AlexException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "EDGAR sent " + what + " at " + url
                    + " encoded as '" + encoding + "', which Alex does not read (it asks for gzip).");
        }
        String type = response.headers().firstValue("Content-Type").orElse("").strip();
        return new Outcome.Done(new Download(url, body, type));
    }

    private static byte[] readAtMost(InputStream in, long limit, URI url, String what) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE, "The " + what + " at " + url + " is larger than "
                        + limit / (1024 * 1024) + " MB; Alex does not download it.");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static AlexException cutShort(URI url, String what, String how, Throwable cause) {
        return new AlexException(ErrorCode.UNAVAILABLE, "The download of " + what + " from " + url + " was cut short: "
                + how + ".", cause);
    }

    private AlexException notJson(Download download, String what) {
        String start = new String(download.body(), 0, Math.min(download.body().length, 60), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return new AlexException(ErrorCode.UNPROCESSABLE_DOCUMENT, "EDGAR answered " + download.url()
                + " with something that is not JSON where " + what + " was expected"
                + (download.contentType().isEmpty() ? "" : " (" + download.contentType() + ")")
                + (start.isEmpty() ? ": an empty answer." : ": it starts with \"" + start + "\"."));
    }

    /** Retry-After in seconds or as an HTTP date, at most {@link #MAX_BACKOFF}. */
    static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            String v = value.strip();
            try {
                return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
            } catch (NumberFormatException notSeconds) {
                try {
                    var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return java.util.Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return java.util.Optional.empty();
                }
            }
        }).map(wait -> wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
    }

    /** 1 s, 2 s, 4 s... before the next attempt. */
    static Duration backoff(int attempt) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 6));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlexException(ErrorCode.UNAVAILABLE, "Stopped while waiting to ask EDGAR again.", e);
        }
    }

    private static boolean looksLikeMarkup(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        return i < body.length && body[i] == '<';
    }

    private static void discard(InputStream body) {
        try (body) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // The status already says what went wrong; the body of an error page does not matter.
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
