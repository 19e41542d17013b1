package app.alex.core.research;

/**
 * A numbered source a report relies on: a knowledge-base passage or a fetched web page.
 *
 * @param number     the [n] used in the report text
 * @param kind       passage or web
 * @param documentId the knowledge-base document (passages only)
 * @param chunkIndex the passage within it (passages only; -1 for web)
 * @param title      document or page title
 * @param source     path or URL
 * @param quote      the text actually used, trimmed
 */
public record Citation(int number, Kind kind, String documentId, int chunkIndex, String title, String source,
                       String quote) {
    public enum Kind { PASSAGE, WEB }
}
