package app.alex.core.chunk;

import java.util.List;
import java.util.Objects;

/**
 * Cuts text into passages that the embedding model reads whole: sentence-aware, at most
 * {@code maxTokens} word pieces of the model's own tokenizer each, with about
 * {@code overlapTokens} word pieces of the previous passage repeated at the start of the next so
 * a fact straddling a boundary is still found.
 */
public final class SentenceChunker {
    private final Tokenizer tokenizer;
    private final int maxTokens;
    private final int overlapTokens;

    public SentenceChunker(Tokenizer tokenizer) {
        this(tokenizer, tokenizer.maxContentTokens(), 32);
    }

    public SentenceChunker(Tokenizer tokenizer, int maxTokens, int overlapTokens) {
        this.tokenizer = Objects.requireNonNull(tokenizer);
        if (maxTokens < 8 || maxTokens > tokenizer.maxContentTokens()) {
            throw new IllegalArgumentException("maxTokens must be in 8.." + tokenizer.maxContentTokens());
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be in 0.." + (maxTokens / 2 - 1));
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /** Passages in document order; offsets index into {@code text}; blank text gives none. */
    public List<TextChunk> chunk(String text) {
        throw new UnsupportedOperationException("implemented by the extraction/chunking work");
    }

    public int maxTokens() {
        return maxTokens;
    }

    public int overlapTokens() {
        return overlapTokens;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }
}
