package app.alex.desktop.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Text ready for a rich-text area: the characters, style classes over ranges, and clickable
 * ranges (citations and links). Plain data, so rendering is tested without a UI.
 *
 * @param spans contiguous, in order, covering the whole text
 */
public record StyledText(String text, List<Span> spans, List<Link> links) {

    public StyledText {
        spans = List.copyOf(spans);
        links = List.copyOf(links);
    }

    /** Style classes over {@code [start, end)}. */
    public record Span(int start, int end, Set<String> styles) {
        public Span {
            styles = Set.copyOf(styles);
        }
    }

    /** A clickable range: a citation number or a URL. */
    public record Link(int start, int end, Integer citation, String url) {
        public boolean isCitation() {
            return citation != null;
        }
    }

    /** The link under character {@code index}, if any. */
    public Optional<Link> linkAt(int index) {
        return links.stream().filter(l -> index >= l.start() && index < l.end()).findFirst();
    }

    /** The styles at character {@code index} (empty when none or out of range). */
    public Set<String> stylesAt(int index) {
        return spans.stream().filter(s -> index >= s.start() && index < s.end()).findFirst()
                .map(Span::styles).orElse(Set.of());
    }
}
