package app.alex.desktop.report;

import app.alex.core.research.Citation;
import app.alex.core.research.ResearchReport;
import javafx.geometry.Insets;
import javafx.scene.Cursor;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A research report rendered for reading: title, meta line, the formatted text (RichTextFX) with
 * clickable {@code [n]} citations, and the numbered sources below. Used by Research and Feed.
 */
public final class ReportView extends VBox {
    private final MarkdownRenderer renderer = new MarkdownRenderer();
    private final Label title = new Label();
    private final Label meta = new Label();
    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final VBox sources = new VBox(2);
    private final Label sourcesHeading = new Label("Sources");
    private Consumer<Citation> onCitation = c -> { };
    private Consumer<String> onLink = u -> { };
    private ResearchReport report;
    private StyledText rendered = new StyledText("", List.of(), List.of());

    public ReportView(String idPrefix) {
        getStyleClass().add("report-view");
        setSpacing(6);
        setPadding(new Insets(4, 0, 0, 0));
        title.setId(idPrefix + "Title");
        title.getStyleClass().add("report-title");
        title.setWrapText(true);
        meta.setId(idPrefix + "Meta");
        meta.getStyleClass().add("report-meta");
        meta.setWrapText(true);
        area.setId(idPrefix + "Text");
        area.getStyleClass().add("report-text");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPadding(new Insets(8));
        area.setOnMouseClicked(e -> linkAt(e.getX(), e.getY()).ifPresent(this::follow));
        area.setOnMouseMoved(e -> area.setCursor(linkAt(e.getX(), e.getY()).isPresent() ? Cursor.HAND : Cursor.TEXT));
        var scroll = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        sources.setId(idPrefix + "Sources");
        sources.getStyleClass().add("report-sources");
        sourcesHeading.getStyleClass().add("section-heading");
        getChildren().addAll(title, meta, scroll, sourcesHeading, sources);
        show(null);
    }

    public void setOnCitation(Consumer<Citation> handler) {
        this.onCitation = handler;
    }

    public void setOnLink(Consumer<String> handler) {
        this.onLink = handler;
    }

    public ResearchReport report() {
        return report;
    }

    public StyledText rendered() {
        return rendered;
    }

    public void show(ResearchReport value) {
        this.report = value;
        if (value == null) {
            title.setText("");
            meta.setText("");
            rendered = new StyledText("", List.of(), List.of());
            area.clear();
            sources.getChildren().clear();
            sourcesHeading.setVisible(false);
            sourcesHeading.setManaged(false);
            return;
        }
        title.setText(value.title());
        meta.setText(ReportExport.meta(value));
        String body = ReportMarkdown.withoutLeadingTitle(value.markdown());
        rendered = renderer.render(value.citations().isEmpty() ? body : ReportMarkdown.withoutSourcesSection(body));
        area.replaceText(rendered.text());
        if (!rendered.text().isEmpty()) {
            var spans = new StyleSpansBuilder<Collection<String>>();
            for (var span : rendered.spans()) {
                spans.add(span.styles(), span.end() - span.start());
            }
            int covered = rendered.spans().isEmpty() ? 0 : rendered.spans().getLast().end();
            if (covered < rendered.text().length()) {
                spans.add(Set.of(), rendered.text().length() - covered);
            }
            area.setStyleSpans(0, spans.create());
        }
        area.moveTo(0);
        area.requestFollowCaret();
        sources.getChildren().clear();
        for (Citation c : value.citations()) {
            var link = new Hyperlink("[" + c.number() + "] " + label(c));
            link.setId("citation-" + c.number());
            link.getStyleClass().add("source-link");
            link.setWrapText(true);
            if (c.quote() != null && !c.quote().isBlank()) {
                link.setTooltip(new Tooltip(c.quote()));
            }
            link.setOnAction(e -> onCitation.accept(c));
            sources.getChildren().add(link);
        }
        boolean any = !value.citations().isEmpty();
        sourcesHeading.setVisible(any);
        sourcesHeading.setManaged(any);
    }

    private static String label(Citation c) {
        String name = c.title() == null || c.title().isBlank() ? c.source() : c.title();
        String where = c.kind() == Citation.Kind.WEB ? c.source() : c.source() == null ? "" : shortSource(c.source());
        return where == null || where.isBlank() || where.equals(name) ? name : name + " — " + where;
    }

    private static String shortSource(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash >= 0 && slash < source.length() - 1 ? source.substring(slash + 1) : source;
    }

    private Optional<StyledText.Link> linkAt(double x, double y) {
        var hit = area.hit(x, y);
        var index = hit.getCharacterIndex();
        return index.isPresent() ? rendered.linkAt(index.getAsInt()) : Optional.empty();
    }

    /** Acts on a clicked citation or link as if the analyst clicked it. */
    public void follow(StyledText.Link link) {
        if (link.isCitation()) {
            citation(link.citation()).ifPresent(onCitation);
        } else if (link.url() != null) {
            onLink.accept(link.url());
        }
    }

    public Optional<Citation> citation(int number) {
        return report == null ? Optional.empty()
                : report.citations().stream().filter(c -> c.number() == number).findFirst();
    }
}
