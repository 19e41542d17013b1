package app.alex.core.research;

/**
 * A page of the research feed.
 *
 * @param topicOrTicker substring of the topic or title, or a ticker; null for all
 * @param unreadOnly    only reports not yet opened
 * @param cursor        opaque cursor from the previous page, or null
 * @param limit         page size, 1..200
 */
public record FeedQuery(String topicOrTicker, boolean unreadOnly, String cursor, int limit) {
    public static final int MAX_LIMIT = 200;

    public FeedQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw app.alex.core.error.AlexException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
        }
    }

    public static FeedQuery latest(int limit) {
        return new FeedQuery(null, false, null, limit);
    }
}
