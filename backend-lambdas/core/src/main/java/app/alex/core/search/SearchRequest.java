package app.alex.core.search;

import app.alex.core.error.AlexException;
import app.alex.core.index.IndexQuery;

/**
 * A search as callers express it.
 *
 * @param query the question or keywords (1..2000 characters)
 * @param topK  passages wanted, 1..100
 */
public record SearchRequest(String query, int topK, SearchFilter filter, SearchMode mode) {
    public static final int MAX_QUERY_CHARS = 2000;
    public static final int DEFAULT_TOP_K = 10;

    public SearchRequest {
        if (query == null || query.isBlank()) {
            throw AlexException.badRequest("The query is empty: type what you are looking for.");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw AlexException.badRequest("The query is longer than " + MAX_QUERY_CHARS + " characters.");
        }
        if (topK < 1 || topK > IndexQuery.MAX_TOP_K) {
            throw AlexException.badRequest("top_k must be between 1 and " + IndexQuery.MAX_TOP_K + ".");
        }
        filter = filter == null ? SearchFilter.NONE : filter;
        mode = mode == null ? SearchMode.HYBRID : mode;
    }

    public static SearchRequest of(String query, int topK) {
        return new SearchRequest(query, topK, SearchFilter.NONE, SearchMode.HYBRID);
    }
}
