package app.alex.core.index;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;

/**
 * A retrieved passage with its document. {@code score} is higher-is-better: cosine similarity in
 * [-1, 1] for semantic search; for hybrid and keyword search the fused or BM25 score, comparable
 * only within one result list.
 */
public record ScoredChunk(double score, DocumentRecord document, ChunkRecord chunk) {
}
