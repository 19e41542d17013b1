package app.alex.desktop.ui;

import app.alex.core.document.ChunkRecord;
import javafx.geometry.Insets;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A document's passages as read-only rich text: the passage of interest is marked and scrolled
 * into view, query words are highlighted. Used by the Search detail pane and the Library.
 */
public final class PassageArea extends VirtualizedScrollPane<StyleClassedTextArea> {
    private String shownText = "";

    public PassageArea(String id) {
        super(new StyleClassedTextArea());
        StyleClassedTextArea area = getContent();
        area.setId(id);
        area.getStyleClass().add("passage-area");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPadding(new Insets(8));
    }

    /** Shows the passages; {@code focusIndex} is the chunk index to mark, or -1. */
    public void show(List<ChunkRecord> chunks, int focusIndex, Set<String> terms) {
        StyleClassedTextArea area = getContent();
        var text = new StringBuilder();
        var spans = new StyleSpansBuilder<Collection<String>>();
        int focusParagraph = -1;
        int paragraph = 0;
        for (ChunkRecord chunk : chunks) {
            if (!text.isEmpty()) {
                text.append("\n\n");
                spans.add(Set.of(), 2);
                paragraph += 2;
            }
            String label = "Passage " + (chunk.index() + 1) + (chunk.page() > 0 ? " · page " + chunk.page() : "")
                    + (chunk.section().isEmpty() ? "" : " · " + chunk.section());
            boolean focus = chunk.index() == focusIndex;
            if (focus) {
                focusParagraph = paragraph;
            }
            text.append(label).append('\n');
            spans.add(Set.of("passage-label"), label.length() + 1);
            paragraph++;
            String body = chunk.text().replace('\r', ' ');
            for (Highlights.Segment segment : Highlights.split(body, terms)) {
                var classes = new java.util.HashSet<String>();
                if (focus) {
                    classes.add("passage-focus");
                }
                if (segment.hit()) {
                    classes.add("term-hit");
                }
                spans.add(classes, segment.text().length());
            }
            text.append(body);
            paragraph += (int) body.chars().filter(c -> c == '\n').count();
        }
        shownText = text.toString();
        area.replaceText(shownText);
        if (!shownText.isEmpty()) {
            area.setStyleSpans(0, spans.create());
        }
        int target = Math.max(0, focusParagraph);
        if (area.getParagraphs().size() > target) {
            area.moveTo(target, 0);
            area.showParagraphAtTop(target);
        }
    }

    public void clear() {
        shownText = "";
        getContent().clear();
    }

    public String shownText() {
        return shownText;
    }
}
