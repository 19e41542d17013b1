package app.alex.core.ingest;

import app.alex.core.document.DocumentType;
import app.alex.core.extract.ExtractedDocument.PageSpan;
import app.alex.core.extract.ExtractedDocument.SectionSpan;

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
 * @param pages      page spans into {@code text} (a PDF's pages), so every passage keeps its page
 *                   number wherever the text is stored; empty for formats without pages
 * @param sections   heading spans into {@code text} (a filing's Items, an HTML page's headings), so
 *                   every passage keeps its section path wherever the text is stored; may be empty
 */
public record TextIngestRequest(String id, String text, String title, String source, DocumentType type,
                                List<String> tags, Instant date, String mediaType, Map<String, String> attributes,
                                List<PageSpan> pages, List<SectionSpan> sections) {

    public TextIngestRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        pages = pages == null ? List.of() : List.copyOf(pages);
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /** Text with pages but without headings. */
    public TextIngestRequest(String id, String text, String title, String source, DocumentType type,
                             List<String> tags, Instant date, String mediaType, Map<String, String> attributes,
                             List<PageSpan> pages) {
        this(id, text, title, source, type, tags, date, mediaType, attributes, pages, List.of());
    }

    /** Text without pages (notes, reports, the seed API's body). */
    public TextIngestRequest(String id, String text, String title, String source, DocumentType type,
                             List<String> tags, Instant date, String mediaType, Map<String, String> attributes) {
        this(id, text, title, source, type, tags, date, mediaType, attributes, List.of());
    }

    public static TextIngestRequest of(String text, String title, String source) {
        return new TextIngestRequest(null, text, title, source, null, null, null, null, null);
    }
}
