package app.alex.desktop.research;

import app.alex.core.research.Citation;
import app.alex.core.research.ResearchStep;
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
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Locale;

/** Research screen: a topic, live steps, the rendered report with clickable citations, export. */
public final class ResearchView extends BorderPane {
    private final TextField topic = new TextField();

    public ResearchView(ResearchViewModel model, Navigator navigator, FileDialogs dialogs, TaskExecutor executor,
                        Notifier notifier) {
        setId("researchView");
        getStyleClass().add("screen");
        var heading = new Label("Research");
        heading.getStyleClass().add("screen-title");

        topic.setId("researchTopic");
        topic.setPromptText("A topic or a question, e.g. NVDA data-center margins");
        topic.textProperty().bindBidirectional(model.topicProperty());
        topic.setOnAction(e -> model.run());
        topic.disableProperty().bind(model.runningProperty());
        HBox.setHgrow(topic, Priority.ALWAYS);
        var run = new Button("Run", new FontIcon(Feather.PLAY));
        run.setId("researchRun");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(model.runningProperty());
        run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        run.setOnAction(e -> model.run());
        var auto = new Button("Run schedule now", new FontIcon(Feather.CLOCK));
        auto.setId("researchAuto");
        auto.setTooltip(new javafx.scene.control.Tooltip("Starts the scheduled research at once: the researcher "
                + "picks the next topic from the watchlist in Settings (the typed topic is not used)"));
        auto.disableProperty().bind(model.runningProperty());
        auto.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        auto.setOnAction(e -> model.runAuto());
        var cancel = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
        cancel.setId("researchCancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> model.cancel());
        var busy = new ProgressIndicator();
        busy.setId("researchBusy");
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(model.runningProperty());
        var row = new HBox(8, topic, run, auto, cancel, busy);
        row.setAlignment(Pos.CENTER_LEFT);
        var status = new Label();
        status.setId("researchStatus");
        status.getStyleClass().add("screen-hint");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        var top = new VBox(8, heading, row, status);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        var steps = new ListView<>(model.steps());
        steps.setId("researchSteps");
        steps.setPlaceholder(new Label("No research running."));
        steps.setCellFactory(list -> new StepCell());
        model.steps().addListener((javafx.collections.ListChangeListener<ResearchStep>) c -> {
            if (!model.steps().isEmpty()) {
                steps.scrollTo(model.steps().size() - 1);
            }
        });
        var stepsHeading = new Label("Steps");
        stepsHeading.getStyleClass().add("section-heading");
        var left = new VBox(6, stepsHeading, steps);
        VBox.setVgrow(steps, Priority.ALWAYS);

        var report = new ReportView("report");
        report.setOnCitation(navigator::follow);
        report.setOnLink(navigator::openExternal);
        model.reportProperty().addListener((obs, was, now) -> report.show(now));
        var exports = ReportActions.exportButtons("report", model.reportProperty(), dialogs, executor, notifier);
        var right = new VBox(6, exports, report);
        right.setPadding(new Insets(0, 0, 0, 8));
        VBox.setVgrow(report, Priority.ALWAYS);

        var split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.3);
        setCenter(split);
    }


    public void focusTopic() {
        topic.requestFocus();
    }

    private static final class StepCell extends ListCell<ResearchStep> {
        @Override
        protected void updateItem(ResearchStep step, boolean empty) {
            super.updateItem(step, empty);
            getStyleClass().removeIf(s -> s.startsWith("step-"));
            if (empty || step == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(step.message());
            setWrapText(true);
            setPrefWidth(0);
            setGraphic(new FontIcon(icon(step.kind())));
            getStyleClass().add("step-" + step.kind().name().toLowerCase(Locale.ROOT));
        }

        private static Ikon icon(ResearchStep.Kind kind) {
            return switch (kind) {
                case PLANNING -> Feather.MAP;
                case SEARCHING -> Feather.SEARCH;
                case READING -> Feather.BOOK_OPEN;
                case FETCHING -> Feather.GLOBE;
                case WRITING -> Feather.EDIT_3;
                case SAVING -> Feather.SAVE;
                case DONE -> Feather.CHECK_CIRCLE;
                case FAILED -> Feather.ALERT_TRIANGLE;
            };
        }
    }
}
