package app.alex.core.document;

import java.util.Objects;

/**
 * One passage of a document, as indexed.
 *
 * @param documentId  the owning document
 * @param index       0-based position in the document
 * @param text        the passage text (exactly the document text between start and end)
 * @param page        1-based page number for paged formats (PDF); 0 when the format has no pages
 * @param startOffset character offset of the passage in the extracted document text (inclusive)
 * @param endOffset   character offset of the passage end (exclusive)
 * @param tokenCount  word pieces of the embedding model's tokenizer, without special tokens
 */
public record ChunkRecord(String documentId, int index, String text, int page, int startOffset, int endOffset,
                          int tokenCount) {
    public ChunkRecord {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        if (index < 0 || startOffset < 0 || endOffset < startOffset) {
            throw new IllegalArgumentException("bad chunk position " + index + " " + startOffset + ".." + endOffset);
        }
    }

    /** Globally unique chunk key: document id, '#', index. */
    public String key() {
        return documentId + "#" + index;
    }
}
