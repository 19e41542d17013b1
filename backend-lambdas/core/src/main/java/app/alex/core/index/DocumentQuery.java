package app.alex.core.index;

import app.alex.core.search.SearchFilter;

/**
 * A page of the document listing.
 *
 * @param filter restricts the listing
 * @param cursor opaque cursor from the previous page, or null for the first page
 * @param limit  page size (1..1000)
 * @param sort   order of the listing
 */
public record DocumentQuery(SearchFilter filter, String cursor, int limit, Sort sort) {
    public static final int MAX_LIMIT = 1000;

    public DocumentQuery {
        filter = filter == null ? SearchFilter.NONE : filter;
        sort = sort == null ? Sort.NEWEST_INGESTED : sort;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw app.alex.core.error.AlexException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
        }
    }

    public static DocumentQuery firstPage(int limit) {
        return new DocumentQuery(SearchFilter.NONE, null, limit, Sort.NEWEST_INGESTED);
    }

    public enum Sort { NEWEST_INGESTED, TITLE }
}
