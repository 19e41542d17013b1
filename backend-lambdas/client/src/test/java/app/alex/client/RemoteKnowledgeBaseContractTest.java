package app.alex.client;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.backend.KnowledgeBaseContract;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.WordTokenizer;
import app.alex.embedded.EmbeddedBackend;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/** The same contract through HTTP: RemoteKnowledgeBase -> alex serve's server -> the embedded backend. */
class RemoteKnowledgeBaseContractTest extends KnowledgeBaseContract {
    @TempDir
    Path dir;
    private EmbeddedBackend backend;
    private LocalApiServer server;

    @Override
    protected KnowledgeBase newKnowledgeBase() throws Exception {
        backend = EmbeddedBackend.open(dir.resolve("kb"), new HashingEmbedder(), WordTokenizer::new);
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(backend.knowledgeBase(), ApiKeys.parse("k")),
                new RateLimiter(1000, 1000, System::nanoTime));
        return new RemoteKnowledgeBase(server.uri(), "k", Duration.ofSeconds(10));
    }

    @Override
    protected void closeKnowledgeBase() {
        server.close();
        backend.close();
    }
}
