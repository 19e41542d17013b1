package app.alex.client;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.ingest.FileIngestContract;
import app.alex.embedded.EmbeddedBackend;
import app.alex.minilm.MiniLmTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The file-ingest contract over HTTP as {@code alex serve} runs it: files extracted here, their
 * text and page spans sent by the remote client to the local server, stored by the embedded
 * backend (MiniLM, Lucene) behind it.
 */
class ServeFileIngestTest extends FileIngestContract {
    private static final MiniLmTokenizer TOKENIZER = MiniLmTokenizer.load();
    private EmbeddedBackend backend;
    private LocalApiServer server;

    @Override
    protected KnowledgeBase openKnowledgeBase(Path scratch) throws IOException {
        backend = EmbeddedBackend.open(scratch.resolve("kb"));
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(backend.knowledgeBase(), ApiKeys.parse("k")),
                new RateLimiter(1000, 1000, System::nanoTime));
        return new RemoteKnowledgeBase(server.uri(), "k", Duration.ofSeconds(30));
    }

    @Override
    protected void closeKnowledgeBase() {
        server.close();
        backend.close();
    }

    @Override
    protected Tokenizer tokenizer() {
        return TOKENIZER;
    }
}
