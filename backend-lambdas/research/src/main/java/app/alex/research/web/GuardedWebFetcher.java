package app.alex.research.web;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractionException;
import app.alex.core.extract.FileExtractor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches pages for the agent with the limits a tool that follows a model's wishes needs:
 * http and https only; loopback, private, link-local and other internal addresses refused (every
 * redirect hop is checked again), so a prompt cannot make the agent read the analyst's intranet
 * or a cloud metadata endpoint; a size cap and a time limit; only HTML and text. The page's main
 * text comes from the same jsoup extraction ingest uses.
 */
public final class GuardedWebFetcher implements WebFetcher {
    private static final int MAX_REDIRECTS = 5;

    public record Limits(int maxBytes, Duration timeout, boolean allowPrivateAddresses) {
        public static Limits standard() {
            return new Limits(2 * 1024 * 1024, Duration.ofSeconds(15), false);
        }
    }

    private final Limits limits;
    private final HttpClient http;
    private final FileExtractor extractor = new FileExtractor();

    public GuardedWebFetcher(Limits limits) {
        this.limits = limits;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.timeout()).build();
    }

    @Override
    public FetchedPage fetch(URI url) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(current);
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(current).timeout(limits.timeout())
                        .header("User-Agent", "AlexWorkbench-Researcher/0.1")
                        .header("Accept", "text/html, text/plain;q=0.9").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw fail(current + " did not answer within " + limits.timeout().toSeconds() + " s.");
            } catch (IOException e) {
                throw fail("Cannot fetch " + current + " (" + e.getClass().getSimpleName() + ").");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                close(response);
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> fail(url + " redirects without a Location."));
                current = current.resolve(location);
                continue;
            }
            if (status != 200) {
                close(response);
                throw fail(current + " answered HTTP " + status + ".");
            }
            String type = response.headers().firstValue("Content-Type").orElse("text/html").toLowerCase(Locale.ROOT);
            boolean html = type.contains("html");
            if (!html && !type.startsWith("text/")) {
                close(response);
                throw fail(current + " is " + type + ", not a web page the researcher can read.");
            }
            byte[] body = readCapped(response, current);
            try {
                var document = extractor.extract(body, html ? "page.html" : "page.txt");
                String title = document.title() == null || document.title().isBlank() ? current.getHost() : document.title();
                return new FetchedPage(current, title, document.text());
            } catch (ExtractionException e) {
                throw fail(current + " has no readable text (" + e.getMessage() + ").");
            }
        }
        throw fail(url + " redirects more than " + MAX_REDIRECTS + " times.");
    }

    private void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw fail("Only http and https pages can be fetched, not " + url + ".");
        }
        if (url.getHost() == null) {
            throw fail(url + " has no host.");
        }
        if (limits.allowPrivateAddresses()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (isInternal(address)) {
                    throw fail(url.getHost() + " is a private or local address; the researcher only reads public pages.");
                }
            }
        } catch (UnknownHostException e) {
            throw fail("Unknown host " + url.getHost() + ".");
        }
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19));      // benchmarking nets
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }

    private byte[] readCapped(HttpResponse<InputStream> response, URI url) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limits.maxBytes() + 1);
            if (bytes.length > limits.maxBytes()) {
                throw fail(url + " is larger than " + limits.maxBytes() / 1024 + " KB; not read.");
            }
            return bytes;
        } catch (IOException e) {
            throw fail("Reading " + url + " failed (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // The connection is discarded either way.
        }
    }

    private static AlexException fail(String message) {
        return new AlexException(ErrorCode.BAD_REQUEST, message);
    }
}
