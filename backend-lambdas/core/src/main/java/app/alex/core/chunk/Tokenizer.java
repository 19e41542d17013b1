package app.alex.core.chunk;

import java.util.List;

/**
 * The embedding model's own tokenizer, used to size chunks in the unit the model truncates in.
 */
public interface Tokenizer {

    /**
     * The word pieces of {@code text}, without special tokens ([CLS], [SEP]) and without
     * truncation, each as its character span in {@code text}. Several pieces of one word may
     * share a span.
     */
    List<TokenSpan> tokenize(String text);

    /** How many content word pieces the model reads at most (its window minus special tokens). */
    int maxContentTokens();

    /** Character span of one word piece. */
    record TokenSpan(int start, int end) {
    }
}
