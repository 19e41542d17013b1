package app.alex.core.index;

import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;

import java.util.Objects;

/**
 * A ranked-retrieval request to a {@link VectorIndex}.
 *
 * @param vector the query's sentence vector (unit length); may be null for KEYWORD mode
 * @param text   the query text, for keyword ranking
 * @param topK   how many passages at most (1..100)
 */
public record IndexQuery(float[] vector, String text, int topK, SearchFilter filter, SearchMode mode) {
    public static final int MAX_TOP_K = 100;

    public IndexQuery {
        Objects.requireNonNull(text, "text");
        filter = filter == null ? SearchFilter.NONE : filter;
        mode = mode == null ? SearchMode.HYBRID : mode;
        if (topK < 1 || topK > MAX_TOP_K) {
            throw app.alex.core.error.AlexException.badRequest("top_k must be between 1 and " + MAX_TOP_K + ".");
        }
        if (vector == null && mode != SearchMode.KEYWORD) {
            throw new IllegalArgumentException("a vector is needed for " + mode.wireName() + " search");
        }
    }
}
