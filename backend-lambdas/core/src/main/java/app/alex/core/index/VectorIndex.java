package app.alex.core.index;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.search.SearchMode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stores passages with their vectors and document metadata, and ranks them for a query.
 * Implementations: Lucene HNSW on disk (embedded) and S3 Vectors (cloud).
 *
 * <p>Contract (held by the abstract {@code VectorIndexContract} test suite in the core test-jar):
 * <ul>
 *   <li>{@link #upsert} replaces every chunk of the document atomically: a concurrent search sees
 *       the old version or the new one, never both and never neither; when it returns, the
 *       document is durable.</li>
 *   <li>Scores are higher-is-better; semantic scores are cosine similarities.</li>
 *   <li>Filters follow {@link app.alex.core.search.SearchFilter#matches}.</li>
 * </ul>
 */
public interface VectorIndex extends AutoCloseable {

    /** Stores (or replaces) a document with its chunks and their unit vectors, in the same order. */
    void upsert(DocumentRecord document, List<ChunkRecord> chunks, List<float[]> vectors);

    /** Removes a document and all its chunks; false if there was none. */
    boolean delete(String documentId);

    Optional<DocumentRecord> document(String documentId);

    /** A document's chunks in order (for "show" and the desktop's detail pane). */
    List<ChunkRecord> chunks(String documentId);

    /**
     * A document's chunks in order with their stored full-precision vectors, as {@link #upsert}
     * received them; empty when there is no such document. The ingest use case reuses them when
     * only a document's metadata changed, so storing it again costs no embedding.
     */
    Optional<EmbeddedChunks> embeddedChunks(String documentId);

    /**
     * False when the document was stored by an earlier version of this index in a layout that
     * lacks something searches now read (in S3 Vectors, the passages' exact terms). Ingesting the
     * same document again then stores it again, from its own stored vectors where the passages are
     * the same, instead of reporting it unchanged and leaving it behind.
     */
    default boolean storedInCurrentLayout(String documentId) {
        return true;
    }

    List<ScoredChunk> search(IndexQuery query);

    DocumentPage list(DocumentQuery query);

    IndexStats stats();

    /**
     * Reorganises storage for the fastest searches, for after a large ingest (Lucene merges its
     * segments into one, so a query walks one HNSW graph instead of dozens). May take minutes on a
     * large index; searches keep working meanwhile. Indexes that manage this themselves do nothing.
     */
    default void compact() {
    }

    /** The ranking modes this index supports; S3 Vectors has no keyword ranking. */
    Set<SearchMode> supportedModes();

    @Override
    void close();
}
