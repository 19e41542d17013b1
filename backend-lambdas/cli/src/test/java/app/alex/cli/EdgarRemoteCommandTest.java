package app.alex.cli;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.ingest.DocumentIds;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.embedded.EmbeddedBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alex edgar --api-url}: filings go to a remote knowledge base (an {@code alex serve} on
 * loopback) through the same client the desktop uses. Apple's 10-K is 220,504 characters, so the
 * client sends it in two parts; the second run still knows it is there.
 */
class EdgarRemoteCommandTest {
    @TempDir
    Path tmp;
    private final LoopbackEdgar edgar = LoopbackEdgar.start();
    private EmbeddedBackend server;
    private LocalApiServer http;

    @BeforeEach
    void serve() throws Exception {
        server = EmbeddedBackend.open(tmp.resolve("server-kb"));
        http = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(server.knowledgeBase(), ApiKeys.parse("K")).routes(),
                new RateLimiter(1000, 1000, System::nanoTime));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
        edgar.close();
    }

    @Test
    void importsIntoARemoteKnowledgeBaseAndSkipsTheFilingTheSecondTime() {
        String[] args = {"--api-url", http.uri().toString(), "--api-key", "K", "edgar", "AAPL", "--forms", "10-K",
                "--since", "2024-11-01", "--until", "2024-11-01"};

        Run first = Run.withEnv(edgar.env(), args);
        Run again = Run.withEnv(edgar.env(), args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("10-K +FY2024 +filed 2024-11-01  imported +\\d+ chunks  Apple Inc. 10-K FY2024\\n");
        assertThat(first.out()).contains("Apple Inc.: 1 imported, 0 skipped (already imported), 0 failed");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Apple Inc.: 0 imported, 1 skipped (already imported), 0 failed");
        assertThat(edgar.requestsFor(LoopbackEdgar.APPLE_10K)).isEqualTo(1);

        String id = DocumentIds.fromSource(edgar.url() + LoopbackEdgar.APPLE_10K);
        var part = server.knowledgeBase().document(id + "-part-1");
        assertThat(part.title()).isEqualTo("Apple Inc. 10-K FY2024 (part 1 of 2)");
        assertThat(part.tags()).containsExactly("AAPL", "10-K", "FY2024", "2024-11-01", "0000320193-24-000123");
        assertThat(part.attributes()).containsEntry("accession", "0000320193-24-000123").containsEntry("part", "1/2");
    }
}
