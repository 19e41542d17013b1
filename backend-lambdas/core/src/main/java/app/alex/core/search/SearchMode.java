package app.alex.core.search;

import app.alex.core.error.AlexException;

import java.util.Locale;

/** How passages are ranked. */
public enum SearchMode {
    /** Vector ranking fused with BM25 keyword ranking (reciprocal rank fusion). */
    HYBRID,
    /** Cosine similarity of sentence vectors only. */
    SEMANTIC,
    /** BM25 over passage text only. */
    KEYWORD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchMode parse(String value) {
        if (value == null || value.isBlank()) {
            return HYBRID;
        }
        for (SearchMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw AlexException.badRequest("Unknown search mode '" + value + "': use hybrid, semantic or keyword.");
    }
}
