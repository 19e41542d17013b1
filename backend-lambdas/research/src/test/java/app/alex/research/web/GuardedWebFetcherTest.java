package app.alex.research.web;

import app.alex.core.error.AlexException;
import app.alex.research.fakes.FakeHttpServer;
import app.alex.research.fakes.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedWebFetcherTest {
    private final GuardedWebFetcher strict = new GuardedWebFetcher(GuardedWebFetcher.Limits.standard());
    private final GuardedWebFetcher loopbackAllowed = new GuardedWebFetcher(
            new GuardedWebFetcher.Limits(1000, Duration.ofSeconds(5), true));

    @Test
    void loopbackPrivateAndMetadataAddressesAreRefused() {
        for (String url : new String[]{"http://127.0.0.1/", "http://localhost:8080/x", "http://10.1.2.3/",
                "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]/"}) {
            assertThatThrownBy(() -> strict.fetch(URI.create(url))).as(url)
                    .isInstanceOf(AlexException.class).hasMessageContaining("private or local address");
        }
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        assertThatThrownBy(() -> strict.fetch(URI.create("file:///etc/passwd"))).hasMessageContaining("Only http and https");
        assertThatThrownBy(() -> strict.fetch(URI.create("ftp://example.com/x"))).hasMessageContaining("Only http and https");
    }

    @Test
    void carrierGradeNatAndUniqueLocalIpv6CountAsInternal() throws Exception {
        assertThat(GuardedWebFetcher.isInternal(InetAddress.getByName("100.64.0.1"))).isTrue();
        assertThat(GuardedWebFetcher.isInternal(InetAddress.getByName("fd00::1"))).isTrue();
        assertThat(GuardedWebFetcher.isInternal(InetAddress.getByName("93.184.215.14"))).isFalse();
    }

    @Test
    void ipv6AddressesThatWrapAPrivateIpv4AddressCountAsInternal() throws Exception {
        for (String wrapped : new String[]{
                "64:ff9b::a9fe:a9fe",                 // NAT64 of 169.254.169.254 (cloud metadata)
                "64:ff9b::7f00:1",                    // NAT64 of 127.0.0.1
                "64:ff9b::c0a8:101",                  // NAT64 of 192.168.1.1
                "64:ff9b:1::5db8:d70e",               // local-use NAT64 prefix: the network's own translator
                "2002:a00:1::1",                      // 6to4 of 10.0.0.1
                "2002:a9fe:a9fe::",                   // 6to4 of 169.254.169.254
                "2001:0:4136:e378:8000:63bf:f5ff:fffe", // Teredo, client 10.0.0.1
                "::a00:1"}) {                         // IPv4-compatible 10.0.0.1
            assertThat(GuardedWebFetcher.isInternal(InetAddress.getByName(wrapped))).as(wrapped).isTrue();
        }
        for (String outside : new String[]{"64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "2606:4700:4700::1111"}) {
            assertThat(GuardedWebFetcher.isInternal(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }

    @Test
    void theAddressCheckedIsTheAddressConnectedToSoARebindingNameCannotReachTheIntranet() throws Exception {
        try (var site = new FakeHttpServer()) {
            site.then(new Reply(200, Map.of("Content-Type", "text/html"),
                    "<html><head><title>Public page</title></head><body><p>Nothing secret.</p></body></html>".getBytes()));
            int port = site.uri("/").getPort();
            // The "intranet": another loopback address on the same port, refused by this test's policy.
            InetAddress intranetAddress = InetAddress.getByName("127.0.0.2");
            var intranetHits = new java.util.concurrent.atomic.AtomicInteger();
            var intranet = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(intranetAddress, port), 0);
            intranet.createContext("/", exchange -> {
                intranetHits.incrementAndGet();
                byte[] secret = "<html><body><p>Payroll database password</p></body></html>".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, secret.length);
                exchange.getResponseBody().write(secret);
                exchange.close();
            });
            intranet.start();
            try {
                // A rebinding DNS server: "public" for the first question, the intranet ever after.
                var lookups = new java.util.concurrent.atomic.AtomicInteger();
                GuardedWebFetcher.AddressLookup rebinding = host -> new InetAddress[]{
                        lookups.incrementAndGet() == 1 ? InetAddress.getByName("127.0.0.1") : intranetAddress};
                var fetcher = new GuardedWebFetcher(new GuardedWebFetcher.Limits(10_000, Duration.ofSeconds(5), false),
                        rebinding, intranetAddress::equals);

                var page = fetcher.fetch(URI.create("http://shop.rebind.test:" + port + "/page"));

                assertThat(page.title()).isEqualTo("Public page");
                assertThat(lookups).as("name lookups").hasValue(1);
                assertThat(intranetHits).as("requests that reached the intranet").hasValue(0);
                assertThatThrownBy(() -> fetcher.fetch(URI.create("http://shop.rebind.test:" + port + "/again")))
                        .hasMessageContaining("private or local address");
                assertThat(intranetHits).as("requests that reached the intranet").hasValue(0);
            } finally {
                intranet.stop(0);
            }
        }
    }

    @Test
    void aLargePageOverTheSizeLimitIsRefusedAsTooLargeNotAsAReadFailure() {
        try (var site = new FakeHttpServer()) {
            site.then(new Reply(200, Map.of("Content-Type", "text/plain"), "y".repeat(5_000_000).getBytes()));

            assertThatThrownBy(() -> loopbackAllowed.fetch(site.uri("/huge"))).hasMessageContaining("larger than 0 KB");
        }
    }

    @Test
    void readsTheMainTextOfAPageAndRefusesOneOverTheSizeLimit() {
        try (var site = new FakeHttpServer()) {
            String page = "<html><head><title>Quarterly note</title></head><body><nav>Home | About</nav>"
                    + "<article><p>Margins widened.</p></article></body></html>";
            site.then(new Reply(200, Map.of("Content-Type", "text/html"), page.getBytes(StandardCharsets.UTF_8)))
                    .then(new Reply(200, Map.of("Content-Type", "text/html"), "x".repeat(5000).getBytes()));

            var fetched = loopbackAllowed.fetch(site.uri("/note"));
            assertThat(fetched.title()).isEqualTo("Quarterly note");
            assertThat(fetched.text()).contains("Margins widened.").doesNotContain("About");

            assertThatThrownBy(() -> loopbackAllowed.fetch(site.uri("/big"))).hasMessageContaining("larger than");
        }
    }

    @Test
    void binaryContentIsRefusedWithItsType() {
        try (var site = new FakeHttpServer()) {
            site.then(new Reply(200, Map.of("Content-Type", "application/zip"), new byte[]{1, 2, 3}));
            assertThatThrownBy(() -> loopbackAllowed.fetch(site.uri("/f.zip"))).hasMessageContaining("application/zip");
        }
    }
}
