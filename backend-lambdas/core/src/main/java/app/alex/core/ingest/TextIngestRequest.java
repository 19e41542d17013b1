package app.alex.core.ingest;

import app.alex.core.document.DocumentType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Text to store: a pasted note, a research report, or the seed API's {@code {"text", "metadata"}}.
 *
 * @param id         caller-chosen id; null to derive one from the source (or the content)
 * @param text       the text itself
 * @param title      null to use the first line
 * @param source     a URL, path or label; may be null
 * @param type       null means document
 * @param tags       tags and tickers
 * @param date       the document's own date; null means now
 * @param mediaType  text/plain, text/markdown...; null means text/plain
 * @param attributes other metadata to keep as strings
 */
public record TextIngestRequest(String id, String text, String title, String source, DocumentType type,
                                List<String> tags, Instant date, String mediaType, Map<String, String> attributes) {

    public TextIngestRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static TextIngestRequest of(String text, String title, String source) {
        return new TextIngestRequest(null, text, title, source, null, null, null, null, null);
    }
}
