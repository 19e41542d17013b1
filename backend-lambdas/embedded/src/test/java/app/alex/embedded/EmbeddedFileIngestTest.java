package app.alex.embedded;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.ingest.FileIngestContract;
import app.alex.minilm.MiniLmTokenizer;

import java.nio.file.Path;

/** The file-ingest contract on the embedded backend: the real MiniLM model and Lucene index in a folder. */
class EmbeddedFileIngestTest extends FileIngestContract {
    private static final MiniLmTokenizer TOKENIZER = MiniLmTokenizer.load();
    private EmbeddedBackend backend;

    @Override
    protected KnowledgeBase openKnowledgeBase(Path scratch) {
        backend = EmbeddedBackend.open(scratch.resolve("kb"));
        return backend.knowledgeBase();
    }

    @Override
    protected void closeKnowledgeBase() {
        backend.close();
    }

    @Override
    protected Tokenizer tokenizer() {
        return TOKENIZER;
    }
}
