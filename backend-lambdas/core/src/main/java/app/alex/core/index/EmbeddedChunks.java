package app.alex.core.index;

import app.alex.core.document.ChunkRecord;

import java.util.List;

/**
 * A document's passages as stored, each with the vector stored for it (same order, same count).
 * What lets a change to a document's metadata alone (a report marked read, a new tag) be stored
 * again without embedding its text a second time.
 */
public record EmbeddedChunks(List<ChunkRecord> chunks, List<float[]> vectors) {
    public EmbeddedChunks {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk: " + chunks.size() + " chunks, " + vectors.size() + " vectors");
        }
        chunks = List.copyOf(chunks);
        vectors = List.copyOf(vectors);
    }
}
