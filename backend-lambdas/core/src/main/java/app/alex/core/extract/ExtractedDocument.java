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
 */
public record ExtractedDocument(String text, String title, String mediaType, List<PageSpan> pages,
                                Optional<Instant> date) {
    public ExtractedDocument {
        Objects.requireNonNull(text, "text");
        title = title == null ? "" : title.strip();
        Objects.requireNonNull(mediaType, "mediaType");
        pages = pages == null ? List.of() : List.copyOf(pages);
        date = date == null ? Optional.empty() : date;
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
}
