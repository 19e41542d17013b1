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
