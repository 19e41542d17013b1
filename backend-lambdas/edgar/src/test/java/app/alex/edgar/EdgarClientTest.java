package app.alex.edgar;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.edgar.http.EdgarClient;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.LoopbackEdgar.Answer;
import app.alex.edgar.testing.TestEdgar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP client against EDGAR on loopback, on fake time. */
class EdgarClientTest {
    private static final String TICKERS = "/files/company_tickers.json";

    private final LoopbackEdgar server = LoopbackEdgar.start();
    private final FakeTime time = new FakeTime();
    private final EdgarClient client = TestEdgar.client(server.config(), time);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void namesWhoIsAskingAndAsksForGzip() {
        client.json(client.archivesUrl(TICKERS), "list of tickers");

        var request = server.requests().getFirst();
        assertThat(request.userAgent()).isEqualTo("Alex Tests alex-tests@example.com");
        assertThat(request.acceptEncoding()).isEqualTo("gzip");
    }

    @Test
    void unpacksGzippedAnswers() throws Exception {
        server.gzip(true);

        var download = client.get(client.archivesUrl(LoopbackEdgar.APPLE_10K), "Apple's 10-K");

        assertThat(download.body()).isEqualTo(Files.readAllBytes(server.dataDir().resolve("aapl-10-k-2024-11-01.html")));
    }

    @Test
    void waitsAsRetryAfterSaysWhenEdgarAnswers429ThenSucceeds() {
        server.answer(TICKERS, Answer.status(429, "3"));

        var json = client.json(client.archivesUrl(TICKERS), "list of tickers");

        assertThat(json.path("1").path("ticker").asText()).isEqualTo("AAPL");
        assertThat(server.requestsFor(TICKERS)).isEqualTo(2);
        assertThat(time.sleeps()).contains(Duration.ofSeconds(3));
    }

    @Test
    void backsOffExponentiallyOn503AndGivesUpWithAClearMessage() {
        server.answer(TICKERS, Answer.status(503), Answer.status(503), Answer.status(503), Answer.status(503));

        assertThatThrownBy(() -> client.json(client.archivesUrl(TICKERS), "list of tickers"))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("kept answering 503").hasMessageContaining("list of tickers")
                .hasMessageContaining("after 4 attempts")
                .satisfies(e -> assertThat(((AlexException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aRefused403SaysTheUserAgentIsMissingOrRefused() {
        var anonymous = TestEdgar.client(new EdgarConfig("curl/8.0", server.config().dataUrl(), server.config().archivesUrl()), time);

        assertThatThrownBy(() -> anonymous.json(anonymous.archivesUrl(TICKERS), "list of tickers"))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("403").hasMessageContaining("User-Agent is missing")
                .hasMessageContaining("ALEX_EDGAR_USER_AGENT is \"curl/8.0\"")
                .satisfies(e -> assertThat(((AlexException) e).code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void a404SaysEdgarHasNoSuchThingAtTheAddress() {
        var url = client.dataUrl("/submissions/CIK0000000001.json");

        assertThatThrownBy(() -> client.json(url, "submissions index of CIK 0000000001"))
                .isInstanceOf(AlexException.class)
                .hasMessage("EDGAR has no submissions index of CIK 0000000001 at " + url + ".")
                .satisfies(e -> assertThat(((AlexException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aDownloadCutShortIsTriedAgainAndThenReportedAsCutShort() {
        server.cutShort(LoopbackEdgar.APPLE_10K);

        var retried = client.get(client.archivesUrl(LoopbackEdgar.APPLE_10K), "Apple's 10-K");
        assertThat(retried.body()).hasSize(1_503_780);

        for (int i = 0; i < EdgarClient.DEFAULT_ATTEMPTS; i++) {
            server.cutShort(LoopbackEdgar.APPLE_10K);
        }
        assertThatThrownBy(() -> client.get(client.archivesUrl(LoopbackEdgar.APPLE_10K), "Apple's 10-K"))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("The download of Apple's 10-K from " + client.archivesUrl(LoopbackEdgar.APPLE_10K)
                        + " was cut short");
    }

    @Test
    void aGzipStreamThatEndsEarlyIsACutShortDownload() {
        byte[] packed = LoopbackEdgar.gzipped("{\"0\":{\"cik_str\":320193,\"ticker\":\"AAPL\"}}".repeat(50).getBytes(StandardCharsets.UTF_8));
        byte[] half = java.util.Arrays.copyOf(packed, packed.length / 2);
        var broken = new Answer(200, half, "application/json", Map.of("Content-Encoding", "gzip"), false);
        server.answer(TICKERS, broken, broken, broken, broken);

        assertThatThrownBy(() -> client.json(client.archivesUrl(TICKERS), "list of tickers"))
                .hasMessageContaining("was cut short: its gzip stream ends early");
    }

    @Test
    void anAnswerThatIsNotJsonSaysWhatCameInstead() {
        server.answer(TICKERS, Answer.body("text/html", "<!DOCTYPE html><html><body>Request Rate Threshold Exceeded</body></html>".getBytes()));

        assertThatThrownBy(() -> client.json(client.archivesUrl(TICKERS), "list of tickers"))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("not JSON where list of tickers was expected")
                .hasMessageContaining("text/html").hasMessageContaining("starts with \"<!DOCTYPE html>")
                .satisfies(e -> assertThat(((AlexException) e).code()).isEqualTo(ErrorCode.UNPROCESSABLE_DOCUMENT));
    }

    @Test
    void aFilingDocumentThatIsNotHtmlIsRefused() {
        server.answer(LoopbackEdgar.APPLE_10K, Answer.body("application/pdf", "%PDF-1.7 ...".getBytes()));

        assertThatThrownBy(() -> client.html(client.archivesUrl(LoopbackEdgar.APPLE_10K), "primary document of 10-K filing X"))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("is not HTML").hasMessageContaining("application/pdf")
                .satisfies(e -> assertThat(((AlexException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
    }
}
