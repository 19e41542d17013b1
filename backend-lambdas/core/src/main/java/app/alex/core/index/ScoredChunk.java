package app.alex.core.index;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;

/**
 * A retrieved passage with its document. {@code score} is higher-is-better: cosine similarity in
 * [-1, 1] for semantic search; for hybrid and keyword search the fused or BM25 score, comparable
 * only within one result list. {@code cosine} is the passage's cosine similarity to the query
 * whatever the mode ranked by, so a reader gets a figure that means the same in every list; NaN
 * when the index did not compare vectors (keyword search).
 */
public record ScoredChunk(double score, double cosine, DocumentRecord document, ChunkRecord chunk) {

    /** A semantic hit: the score is the cosine. */
    public static ScoredChunk semantic(double cosine, DocumentRecord document, ChunkRecord chunk) {
        return new ScoredChunk(cosine, cosine, document, chunk);
    }

    /** A hit ranked by a score that is not a cosine (BM25), with no vector comparison. */
    public ScoredChunk(double score, DocumentRecord document, ChunkRecord chunk) {
        this(score, Double.NaN, document, chunk);
    }
}
