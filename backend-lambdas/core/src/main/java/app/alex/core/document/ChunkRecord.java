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
 * @param section     heading path of the section the passage is in ("Item 1A. Risk Factors > Supply
 *                    chain"); "" when the document has no headings
 */
public record ChunkRecord(String documentId, int index, String text, int page, int startOffset, int endOffset,
                          int tokenCount, String section) {
    public ChunkRecord {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        section = section == null ? "" : section;
        if (index < 0 || startOffset < 0 || endOffset < startOffset) {
            throw new IllegalArgumentException("bad chunk position " + index + " " + startOffset + ".." + endOffset);
        }
    }

    /** A passage outside any section. */
    public ChunkRecord(String documentId, int index, String text, int page, int startOffset, int endOffset,
                       int tokenCount) {
        this(documentId, index, text, page, startOffset, endOffset, tokenCount, "");
    }

    /** Globally unique chunk key: document id, '#', index. */
    public String key() {
        return documentId + "#" + index;
    }
}
