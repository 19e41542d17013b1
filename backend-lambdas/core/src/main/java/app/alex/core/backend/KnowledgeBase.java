package app.alex.core.backend;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.extract.FileExtractor;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.ingest.FileIngestPipeline;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;

import java.util.List;

/**
 * The knowledge base as the desktop, the command line and the researcher see it. Two kinds of
 * implementation: embedded (the use cases in-process) and remote (HTTP to the cloud API or to
 * {@code alex serve}). One contract test suite runs against all of them.
 *
 * <p>Failures are {@link app.alex.core.error.AlexException}s with a stable code and a message
 * a person can act on, whichever implementation raised them.
 */
public interface KnowledgeBase extends AutoCloseable {

    /** Stores text (files are extracted on the caller's side first, so remote mode sends only text). */
    IngestResult ingest(TextIngestRequest request);

    SearchResponse search(SearchRequest request);

    DocumentPage documents(DocumentQuery query);

    /** @throws app.alex.core.error.AlexException with code NOT_FOUND when there is none */
    DocumentRecord document(String id);

    /** A document's passages in order. */
    List<ChunkRecord> chunks(String id);

    /** @throws app.alex.core.error.AlexException with code NOT_FOUND when there is none */
    void delete(String id);

    IndexStats stats();

    /**
     * Files into this knowledge base through the one file pipeline: extracted on this machine, each
     * file's text stored by {@link #ingest} with its page spans (remote mode sends only text). The
     * in-process knowledge base overrides it to embed with per-batch progress and cancellation.
     */
    default FileIngestPipeline files() {
        return new FileIngestPipeline(new FileExtractor(), (request, listener) -> {
            IngestResult result = ingest(request);
            listener.chunksEmbedded(result.embeddedChunks());
            return result;
        });
    }

    @Override
    default void close() {
    }
}
