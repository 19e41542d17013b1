package app.alex.research.web;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractionException;
import app.alex.core.extract.FileExtractor;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Fetches pages for the agent with the limits a tool that follows a model's wishes needs:
 * http and https only; loopback, private, link-local and other internal addresses refused (every
 * redirect hop is checked again), so a prompt cannot make the agent read the analyst's intranet
 * or a cloud metadata endpoint; a size cap and a time limit; only HTML and text. The page's main
 * text comes from the same jsoup extraction ingest uses.
 *
 * <p>The address checked is the address connected to: the host is looked up once, by the HTTP
 * client's own resolver, which refuses the whole host if any address is internal, and the client
 * connects only to the addresses that resolver returned. (Checking with a separate lookup first
 * and letting the client look the name up again let DNS rebinding answer "public" to the check
 * and "127.0.0.1" to the connect.) The JDK's {@code java.net.http.HttpClient} has no per-client
 * resolver, and pinning an IP there breaks TLS (SNI and certificate checks need the name), so
 * this uses Apache HttpClient 5, whose {@link DnsResolver} is per client and keeps the name for
 * TLS. No proxy is used: a proxy would resolve the name itself.
 */
public final class GuardedWebFetcher implements WebFetcher {
    private static final int MAX_REDIRECTS = 5;
    private static final String USER_AGENT = "AlexWorkbench-Researcher/0.1";

    public record Limits(int maxBytes, java.time.Duration timeout, boolean allowPrivateAddresses) {
        public static Limits standard() {
            return new Limits(2 * 1024 * 1024, java.time.Duration.ofSeconds(15), false);
        }
    }

    /** Name lookup, a seam so tests can play a rebinding DNS server. */
    interface AddressLookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    private final Limits limits;
    private final Predicate<InetAddress> refused;
    private final CloseableHttpClient http;
    private final FileExtractor extractor = new FileExtractor();

    public GuardedWebFetcher(Limits limits) {
        this(limits, InetAddress::getAllByName, GuardedWebFetcher::isInternal);
    }

    GuardedWebFetcher(Limits limits, AddressLookup lookup, Predicate<InetAddress> internal) {
        this.limits = limits;
        this.refused = limits.allowPrivateAddresses() ? address -> false : internal;
        Timeout timeout = Timeout.of(limits.timeout());
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckingResolver(lookup, refused))
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setConnectionReuseStrategy((request, response, context) -> false) // no idle sockets left behind
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling() // each hop is fetched (and its host checked) here
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /** What one hop answered. */
    private sealed interface Hop {
        record Redirect(String location) implements Hop {
        }

        record Page(String contentType, byte[] body) implements Hop {
        }

        record Refused(String reason) implements Hop {
        }
    }

    @Override
    public FetchedPage fetch(URI url) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(current);
            Hop answer = get(current);
            switch (answer) {
                case Hop.Redirect(String location) -> current = current.resolve(location);
                case Hop.Refused(String reason) -> throw fail(reason);
                case Hop.Page(String type, byte[] body) -> {
                    return page(current, type, body);
                }
            }
        }
        throw fail(url + " redirects more than " + MAX_REDIRECTS + " times.");
    }

    private Hop get(URI url) {
        var request = new HttpGet(url);
        request.setHeader("Accept", "text/html, text/plain;q=0.9");
        CloseableHttpResponse response;
        try {
            response = http.execute(request);
        } catch (RefusedAddressException e) {
            throw fail(e.getMessage());
        } catch (UnknownHostException e) {
            throw fail("Unknown host " + url.getHost() + ".");
        } catch (SocketTimeoutException e) { // connect timeouts included
            throw fail(url + " did not answer within " + limits.timeout().toSeconds() + " s.");
        } catch (IOException e) {
            throw fail("Cannot fetch " + url + " (" + e.getClass().getSimpleName() + ").");
        }
        try {
            return answer(url, response);
        } catch (SocketTimeoutException e) {
            throw fail(url + " did not answer within " + limits.timeout().toSeconds() + " s.");
        } catch (IOException e) {
            throw fail("Reading " + url + " failed (" + e.getClass().getSimpleName() + ").");
        } finally {
            // Drop the connection instead of closing the body normally, which would read the rest of
            // a page over the size cap (or an endless one) to the end.
            request.abort();
            discard(response);
        }
    }

    private static void discard(CloseableHttpResponse response) {
        try {
            response.close();
        } catch (IOException expected) {
            // The connection was aborted just before: closing it may fail, and nothing is lost.
        }
    }

    private Hop answer(URI url, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            return location == null ? new Hop.Refused(url + " redirects without a Location.")
                    : new Hop.Redirect(location.getValue());
        }
        if (status != 200) {
            return new Hop.Refused(url + " answered HTTP " + status + ".");
        }
        Header contentType = response.getFirstHeader("Content-Type");
        String type = contentType == null ? "text/html" : contentType.getValue().toLowerCase(Locale.ROOT);
        if (!type.contains("html") && !type.startsWith("text/")) {
            return new Hop.Refused(url + " is " + type + ", not a web page the researcher can read.");
        }
        if (response.getEntity() == null) {
            return new Hop.Page(type, new byte[0]);
        }
        try (InputStream in = response.getEntity().getContent()) {
            byte[] bytes = in.readNBytes(limits.maxBytes() + 1);
            if (bytes.length > limits.maxBytes()) {
                return new Hop.Refused(url + " is larger than " + limits.maxBytes() / 1024 + " KB; not read.");
            }
            return new Hop.Page(type, bytes);
        }
    }

    private FetchedPage page(URI url, String type, byte[] body) {
        boolean html = type.contains("html");
        try {
            var document = extractor.extract(body, html ? "page.html" : "page.txt");
            String title = document.title() == null || document.title().isBlank() ? url.getHost() : document.title();
            return new FetchedPage(url, title, document.text());
        } catch (ExtractionException e) {
            throw fail(url + " has no readable text (" + e.getMessage() + ").");
        }
    }

    private void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw fail("Only http and https pages can be fetched, not " + url + ".");
        }
        if (url.getHost() == null) {
            throw fail(url + " has no host.");
        }
        // An address written in the URL is connected to without a lookup: check it here.
        literal(url.getHost()).filter(refused).ifPresent(address -> {
            throw fail(url.getHost() + " is a private or local address; the researcher only reads public pages.");
        });
    }

    private static java.util.Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return java.util.Optional.of(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException notAnAddress) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The client's only resolver: looks the host up once, refuses it whole if any address is
     * internal, and hands the client exactly the addresses it checked.
     */
    private record CheckingResolver(AddressLookup lookup, Predicate<InetAddress> refused) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] addresses = lookup.lookup(name);
            for (InetAddress address : addresses) {
                if (refused.test(address)) {
                    throw new RefusedAddressException(name + " is a private or local address; the researcher only reads public pages.");
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return resolve(host)[0].getHostName();
        }
    }

    /** A host refused for its address; an {@link UnknownHostException} so the client stops without trying others. */
    private static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    /**
     * Loopback, unspecified, link-local, private (RFC 1918 and unique-local IPv6), multicast,
     * carrier-grade NAT, benchmarking, reserved and broadcast addresses, and IPv6 addresses that
     * wrap an internal IPv4 address: IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}
     * (and the local-use {@code 64:ff9b:1::/48}), 6to4 {@code 2002::/16} and Teredo {@code 2001::/32}.
     * (Java already turns IPv4-mapped {@code ::ffff:a.b.c.d} into the IPv4 address.)
     */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return isInternalIpv4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
        }
        int w0 = (b[0] & 0xff) << 8 | b[1] & 0xff;
        int w1 = (b[2] & 0xff) << 8 | b[3] & 0xff;
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // unique local fc00::/7
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            boolean wellKnownPrefix = allZero(b, 4, 12);
            // 64:ff9b::/96 wraps an IPv4 address; 64:ff9b:1::/48 is for a local network's own translator.
            return !wellKnownPrefix || isInternalIpv4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff, b[15] & 0xff);
        }
        if (w0 == 0x2002) { // 6to4: 2002:AABB:CCDD::/48 carries a.b.c.d
            return isInternalIpv4(b[2] & 0xff, b[3] & 0xff, b[4] & 0xff, b[5] & 0xff);
        }
        if (w0 == 0x2001 && w1 == 0x0000) { // Teredo: the client's IPv4 address, inverted, in the last 32 bits
            return isInternalIpv4(~b[12] & 0xff, ~b[13] & 0xff, ~b[14] & 0xff, ~b[15] & 0xff);
        }
        if (allZero(b, 0, 12)) { // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
            return isInternalIpv4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff, b[15] & 0xff);
        }
        return false;
    }

    private static boolean isInternalIpv4(int first, int second, int third, int fourth) {
        return first == 0 || first == 10 || first == 127
                || (first == 169 && second == 254)                          // link-local, cloud metadata
                || (first == 172 && second >= 16 && second < 32)
                || (first == 192 && second == 168)
                || (first == 100 && second >= 64 && second < 128)           // carrier-grade NAT
                || (first == 192 && second == 0 && third == 0)              // IETF protocol assignments
                || (first == 198 && (second == 18 || second == 19))         // benchmarking nets
                || first >= 224;                                            // multicast, reserved, broadcast
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static AlexException fail(String message) {
        return new AlexException(ErrorCode.BAD_REQUEST, message);
    }
}
