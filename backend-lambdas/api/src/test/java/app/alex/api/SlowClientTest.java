package app.alex.api;

import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and idle clients, against a server with a short read timeout (so the test waits well under
 * a second for the server's own timer, and sleeps never). Everything {@link HttpEdgeTest} proves
 * holds here too.
 */
class SlowClientTest extends HttpEdgeTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);

    @Override
    LocalApiServer start(ApiHandler router) throws Exception {
        return LocalApiServer.start("127.0.0.1", 0, router, null, new LocalApiServer.Limits(16 * 1024, 100, READ_TIMEOUT, 1024));
    }

    @Test
    void aStalledBodyTimesOutWhileOtherClientsAreServed() throws Exception {
        try (var slow = new Socket("127.0.0.1", server.uri().getPort())) {
            slow.setSoTimeout(10_000);
            slow.getOutputStream().write(("POST /search HTTP/1.1\r\nHost: x\r\nx-api-key: " + KEY
                    + "\r\ncontent-type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\": ").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();

            assertThat(call("GET", "/documents", null).statusCode()).isEqualTo(200); // served while the slow body waits

            long started = System.nanoTime();
            String answer = readAll(slow.getInputStream()); // the server gives up on the body: 408, or just closes
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            if (!answer.isEmpty()) {
                assertThat(answer).startsWith("HTTP/1.1 408");
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheReadTimeout() throws Exception {
        try (var idle = new Socket("127.0.0.1", server.uri().getPort())) {
            idle.setSoTimeout(10_000);
            long started = System.nanoTime();
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aBodyThatTricklesBelowTheMinimumRateIsCutOffWith408() throws Exception {
        try (var slow = new Socket("127.0.0.1", server.uri().getPort())) {
            slow.setSoTimeout(100); // the pace of the trickle: a byte each time the answer has not come
            var out = slow.getOutputStream();
            out.write(("POST /search HTTP/1.1\r\nHost: x\r\nx-api-key: " + KEY
                    + "\r\ncontent-type: application/json\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            var answer = new StringBuilder();
            while (answer.isEmpty() && System.nanoTime() - started < Duration.ofSeconds(8).toNanos()) {
                try {
                    byte[] got = slow.getInputStream().readNBytes(12);
                    answer.append(new String(got, StandardCharsets.US_ASCII));
                    if (got.length == 0) {
                        answer.append("closed");
                    }
                } catch (java.net.SocketTimeoutException notYet) {
                    out.write(' ');
                    out.flush();
                }
            }

            assertThat(answer.toString()).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }
}
