package app.alex.embedded;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.backend.KnowledgeBaseContract;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract in-process, on the real Lucene index in a scratch knowledge base folder. */
class EmbeddedKnowledgeBaseTest extends KnowledgeBaseContract {
    @TempDir
    Path dir;
    private EmbeddedBackend backend;

    @Override
    protected KnowledgeBase newKnowledgeBase() {
        backend = EmbeddedBackend.open(dir.resolve("kb"), new HashingEmbedder(), WordTokenizer::new);
        return backend.knowledgeBase();
    }

    @Override
    protected void closeKnowledgeBase() {
        backend.close();
    }
}
