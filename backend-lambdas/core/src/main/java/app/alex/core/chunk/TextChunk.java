package app.alex.core.chunk;

/** A passage cut from a document text, before it belongs to a stored document. */
public record TextChunk(int index, int startOffset, int endOffset, String text, int tokenCount) {
}
