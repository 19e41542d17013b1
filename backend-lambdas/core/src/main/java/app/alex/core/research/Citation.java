package app.alex.core.research;

/**
 * A numbered source a report relies on: a knowledge-base passage or a fetched web page.
 *
 * @param number     the [n] used in the report text
 * @param kind       passage or web
 * @param documentId the knowledge-base document (passages only)
 * @param chunkIndex the passage within it (passages only; -1 for web)
 * @param page       1-based page of the passage in a paged document (PDF); 0 when it has no pages, and for web
 * @param title      document or page title
 * @param source     path or URL
 * @param quote      the text actually used, trimmed
 */
public record Citation(int number, Kind kind, String documentId, int chunkIndex, int page, String title, String source,
                       String quote) {
    public enum Kind { PASSAGE, WEB }

    /** A source without a page: a web page, or a passage of a document that has no pages. */
    public Citation(int number, Kind kind, String documentId, int chunkIndex, String title, String source, String quote) {
        this(number, kind, documentId, chunkIndex, 0, title, source, quote);
    }
}
