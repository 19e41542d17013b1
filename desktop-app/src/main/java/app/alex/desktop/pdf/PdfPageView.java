package app.alex.desktop.pdf;

import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A PDF's page drawn inside the window over the screens, with the cited passage marked: what a
 * citation or a search hit of a PDF opens. Pages are drawn off the JavaFX thread; Previous and Next
 * turn pages, Esc or Close returns to the screen.
 */
public final class PdfPageView extends StackPane {
    /** Pixels per PDF point: 1.5 is 108 dpi, sharp on a laptop screen without a huge image. */
    static final float SCALE = 1.5f;

    private final Path pdf;
    private final String title;
    private final String passage;
    private final int citedPage;
    private final TaskExecutor executor;
    private final Runnable onClose;
    private final Consumer<String> onOpenSource;
    private final Label pageLabel = new Label();
    private final Label problem = new Label();
    private final Pane page = new Pane();
    private final Button previous = new Button("Previous", new FontIcon(Feather.CHEVRON_LEFT));
    private final Button next = new Button("Next", new FontIcon(Feather.CHEVRON_RIGHT));
    private int shown;
    private int pageCount;

    public PdfPageView(Path pdf, String title, int citedPage, String passage, TaskExecutor executor, Runnable onClose,
                       Consumer<String> onOpenSource) {
        this.pdf = pdf;
        this.title = title;
        this.passage = passage == null ? "" : passage;
        this.citedPage = citedPage;
        this.executor = executor;
        this.onClose = onClose;
        this.onOpenSource = onOpenSource;
        setId("pdfPage");
        getStyleClass().add("pdf-overlay");

        var heading = new Label(title);
        heading.getStyleClass().add("detail-title");
        heading.setMinWidth(0);
        HBox.setHgrow(heading, Priority.ALWAYS);
        heading.setMaxWidth(Double.MAX_VALUE);
        pageLabel.setId("pdfPageLabel");
        pageLabel.setMinWidth(Region.USE_PREF_SIZE);
        previous.setId("pdfPreviousPage");
        next.setId("pdfNextPage");
        previous.setMinWidth(Region.USE_PREF_SIZE);
        next.setMinWidth(Region.USE_PREF_SIZE);
        previous.setOnAction(e -> show(shown - 1));
        next.setOnAction(e -> show(shown + 1));
        var open = new Button("Open source", new FontIcon(Feather.EXTERNAL_LINK));
        open.setId("pdfOpenSource");
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setOnAction(e -> onOpenSource.accept(pdf.toString()));
        var close = new Button("Close", new FontIcon(Feather.X));
        close.setId("pdfClose");
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        var bar = new HBox(8, heading, previous, pageLabel, next, open, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        bar.getStyleClass().add("pdf-toolbar");

        problem.setId("pdfPageProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("screen-hint");
        problem.setVisible(false);
        page.getStyleClass().add("pdf-sheet");
        var centred = new StackPane(page, problem);
        centred.setPadding(new Insets(12));
        var scroll = new ScrollPane(centred);
        scroll.setFitToWidth(true);
        scroll.setPannable(true);
        var frame = new BorderPane(scroll);
        frame.setTop(bar);
        frame.getStyleClass().add("pdf-frame");
        getChildren().add(frame);
        setPadding(new Insets(24));
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                onClose.run();
            } else if (e.getCode() == KeyCode.PAGE_DOWN || e.getCode() == KeyCode.RIGHT) {
                show(shown + 1);
            } else if (e.getCode() == KeyCode.PAGE_UP || e.getCode() == KeyCode.LEFT) {
                show(shown - 1);
            }
        });
        show(citedPage);
    }

    /** The page on screen (1-based), 0 before the first has been drawn. */
    public int shownPage() {
        return shown;
    }

    private void show(int number) {
        if (number < 1 || pageCount > 0 && number > pageCount) {
            return;
        }
        previous.setDisable(true);
        next.setDisable(true);
        pageLabel.setText("page " + number + (pageCount > 0 ? " of " + pageCount : ""));
        // The passage is marked on the page it was cited on, and where it runs on to the next one.
        String mark = number == citedPage || number == citedPage + 1 ? passage : "";
        executor.execute(Tasks.of(() -> PdfPages.render(pdf, number, mark, SCALE), this::draw, failure -> {
            problem.setText(failure instanceof PdfPages.PageUnavailable unavailable ? unavailable.getMessage()
                    : "The page cannot be shown: " + failure.getMessage());
            problem.setVisible(true);
            page.getChildren().clear();
            pageLabel.setText("");
        }));
    }

    private void draw(PdfPages.Rendered rendered) {
        shown = rendered.page();
        pageCount = rendered.pageCount();
        var image = new WritableImage(rendered.width(), rendered.height());
        image.getPixelWriter().setPixels(0, 0, rendered.width(), rendered.height(), PixelFormat.getIntArgbInstance(),
                rendered.argb(), 0, rendered.width());
        var view = new ImageView(image);
        view.setId("pdfPageImage");
        page.getChildren().setAll(view);
        for (PdfPages.Box box : rendered.marks()) {
            var mark = new Rectangle(box.x(), box.y(), box.width(), box.height());
            mark.getStyleClass().add("pdf-mark");
            mark.setMouseTransparent(true);
            page.getChildren().add(mark);
        }
        page.setMinSize(rendered.width(), rendered.height());
        page.setMaxSize(rendered.width(), rendered.height());
        problem.setVisible(false);
        pageLabel.setText("page " + shown + " of " + pageCount);
        previous.setDisable(shown <= 1);
        next.setDisable(shown >= pageCount);
        requestFocus();
    }

    @Override
    public String toString() {
        return "PdfPageView[" + title + ", page " + shown + "]";
    }
}
