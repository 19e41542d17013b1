package app.alex.desktop.feed;

import app.alex.core.research.Citation;
import app.alex.core.research.ResearchReport;
import app.alex.desktop.report.ReportActions;
import app.alex.desktop.report.ReportView;
import app.alex.desktop.ui.FileDialogs;
import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.TaskExecutor;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Feed screen: the list of reports (unread marked) and the opened report. */
public final class FeedView extends BorderPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    /** Holds the report once one has opened. */
    private final StackPane reportSlot = new StackPane();
    private ReportView report;

    public FeedView(FeedViewModel model, Navigator navigator, FileDialogs dialogs, TaskExecutor executor,
                    Notifier notifier) {
        setId("feedView");
        getStyleClass().add("screen");
        var heading = new Label("Feed");
        heading.getStyleClass().add("screen-title");
        var filter = new TextField();
        filter.setId("feedFilter");
        filter.setPromptText("Filter by topic or ticker");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(model.filterProperty());
        var unreadOnly = new CheckBox("Unread only");
        unreadOnly.setId("feedUnreadOnly");
        unreadOnly.setMinWidth(Region.USE_PREF_SIZE); // the status text shrinks first, never the controls
        unreadOnly.selectedProperty().bindBidirectional(model.unreadOnlyProperty());
        var refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("feedRefresh");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> model.refresh());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var status = new Label();
        status.setId("feedStatus");
        status.getStyleClass().add("screen-hint");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        filter.setMinWidth(Region.USE_PREF_SIZE);
        var row = new HBox(8, filter, unreadOnly, refresh, spacer, status);
        row.setAlignment(Pos.CENTER_LEFT);
        var top = new VBox(8, heading, row);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        var list = new ListView<>(model.reports());
        list.setId("feedList");
        var placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.statusProperty());
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new ReportCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null && (model.openedProperty().get() == null || !model.openedProperty().get().id().equals(now.id()))) {
                model.open(now);
            }
        });
        model.openedProperty().addListener((obs, was, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        var more = new Button("Load more");
        more.setId("feedLoadMore");
        more.visibleProperty().bind(model.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.setOnAction(e -> model.loadMore());
        var left = new VBox(6, list, more);
        VBox.setVgrow(list, Priority.ALWAYS);

        // The report's rich text (RichTextFX) is built when the first report opens, not with the screen:
        // it is the costliest part of the Feed, and the Feed is the first screen the window shows.
        model.openedProperty().addListener((obs, was, now) -> showReport(now, navigator));
        showReport(model.openedProperty().get(), navigator);
        var exports = ReportActions.exportButtons("feed", model.openedProperty(), dialogs, executor, notifier);
        var hint = new Label("Open a report to read it.");
        hint.getStyleClass().add("screen-hint");
        hint.visibleProperty().bind(model.openedProperty().isNull());
        hint.managedProperty().bind(hint.visibleProperty());
        var right = new VBox(6, hint, exports, reportSlot);
        right.setPadding(new Insets(0, 0, 0, 8));
        VBox.setVgrow(reportSlot, Priority.ALWAYS);

        var split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.36);
        setCenter(split);
    }

    private void showReport(ResearchReport now, Navigator navigator) {
        if (report == null) {
            if (now == null) {
                return;
            }
            report = new ReportView("feedReport");
            report.setOnCitation(navigator::follow);
            report.setOnLink(navigator::openExternal);
            reportSlot.getChildren().setAll(report);
        }
        if (now == null || report.report() == null || !report.report().id().equals(now.id())) {
            report.show(now);
        }
    }

    /** A report in the list: unread dot, title, date and tickers. */
    private static final class ReportCell extends ListCell<ResearchReport> {
        @Override
        protected void updateItem(ResearchReport report, boolean empty) {
            super.updateItem(report, empty);
            setText(null);
            if (empty || report == null) {
                setGraphic(null);
                return;
            }
            var dot = new Label(report.read() ? "" : "●");
            dot.getStyleClass().add("unread-dot");
            dot.setMinWidth(14);
            var title = new Label(report.title());
            title.getStyleClass().add(report.read() ? "feed-title" : "feed-title-unread");
            title.setWrapText(true);
            var meta = new StringBuilder(report.createdAt() == null ? "" : WHEN.format(report.createdAt().atZone(ZoneId.systemDefault())));
            if (!report.tickers().isEmpty()) {
                meta.append(" · ").append(String.join(", ", report.tickers()));
            }
            if (report.trigger() == ResearchReport.Trigger.SCHEDULED) {
                meta.append(" · from the schedule");
            }
            if (report.extractive()) {
                meta.append(" · extractive");
            }
            var metaLabel = new Label(meta.toString());
            metaLabel.getStyleClass().add("result-source");
            var text = new VBox(2, title, metaLabel);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            var box = new HBox(4, dot, text);
            box.setAlignment(Pos.TOP_LEFT);
            box.getStyleClass().add(report.read() ? "feed-item" : "feed-item-unread");
            box.setId("feed-item-" + report.id());
            setGraphic(box);
            setPrefWidth(0);
        }
    }
}
