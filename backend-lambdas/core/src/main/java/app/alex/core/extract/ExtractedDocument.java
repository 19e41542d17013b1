package app.alex.core.extract;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Text pulled out of a file or a web page.
 *
 * @param text      the whole extracted text; pages are joined with a blank line
 * @param title     title found in the content (PDF info, HTML title, first heading), may be empty
 * @param mediaType the detected format
 * @param pages     page spans into {@code text} (empty for formats without pages)
 * @param date      a date the content declares about itself (PDF creation date...), if any
 * @param sections  heading spans into {@code text}, in order and without overlap (empty when the
 *                  format or the document has no headings)
 */
public record ExtractedDocument(String text, String title, String mediaType, List<PageSpan> pages,
                                Optional<Instant> date, List<SectionSpan> sections) {
    public ExtractedDocument {
        Objects.requireNonNull(text, "text");
        title = title == null ? "" : title.strip();
        Objects.requireNonNull(mediaType, "mediaType");
        pages = pages == null ? List.of() : List.copyOf(pages);
        date = date == null ? Optional.empty() : date;
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /** A document without headings. */
    public ExtractedDocument(String text, String title, String mediaType, List<PageSpan> pages,
                             Optional<Instant> date) {
        this(text, title, mediaType, pages, date, List.of());
    }

    /** The same document with these heading spans. */
    public ExtractedDocument withSections(List<SectionSpan> newSections) {
        return new ExtractedDocument(text, title, mediaType, pages, date, newSections);
    }

    /** The heading path over the character at {@code offset}, or "" outside every section. */
    public String sectionAt(int offset) {
        return SectionSpan.at(sections, offset);
    }

    public static ExtractedDocument plain(String text, String title, String mediaType) {
        return new ExtractedDocument(text, title, mediaType, List.of(), Optional.empty());
    }

    /** The 1-based page holding the character at {@code offset}, or 0 when the format has no pages. */
    public int pageAt(int offset) {
        for (PageSpan page : pages) {
            if (offset >= page.start() && offset < page.end()) {
                return page.number();
            }
        }
        if (!pages.isEmpty() && offset >= pages.getLast().start()) {
            return pages.getLast().number();
        }
        return 0;
    }

    /** A page: its 1-based number and its character span in the document text. */
    public record PageSpan(int number, int start, int end) {
    }

    /**
     * A section: its heading path ("Item 1A. Risk Factors > Supply chain", outermost first) and its
     * character span in the document text, from its heading to the next heading.
     */
    public record SectionSpan(String path, int start, int end) {
        /** Longest heading path kept; longer ones are cut between words. */
        public static final int MAX_PATH_CHARS = 300;
        /** Separator between the levels of a path. */
        public static final String SEPARATOR = " > ";

        public SectionSpan {
            Objects.requireNonNull(path, "path");
        }

        /** The path of the span holding {@code offset} in spans sorted by start, or "". */
        public static String at(List<SectionSpan> spans, int offset) {
            int low = 0;
            int high = spans.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                SectionSpan span = spans.get(mid);
                if (offset < span.start()) {
                    high = mid - 1;
                } else if (offset >= span.end()) {
                    low = mid + 1;
                } else {
                    return span.path();
                }
            }
            return "";
        }
    }
}
