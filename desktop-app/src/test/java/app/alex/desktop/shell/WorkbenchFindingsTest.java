package app.alex.desktop.shell;

import app.alex.core.document.DocumentType;
import app.alex.desktop.config.WatchedFolder;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.PipelineIngestor;
import app.alex.core.index.DocumentQuery;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.WindowState;
import app.alex.desktop.config.WindowStateStore;
import app.alex.desktop.testing.FakeResearcher;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import app.alex.desktop.testing.Screenshots;
import app.alex.desktop.testing.TestWorkbench;
import app.alex.desktop.ui.Screen;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer ran into on a first afternoon (issue 15), checked on the real workbench over a memory backend. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFindingsTest {
    @TempDir
    Path temp;
    TestWorkbench app;
    FakeResearcher researcher;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        var kb = new InMemoryKnowledgeBase();
        researcher = new FakeResearcher(kb);
        app = TestWorkbench.show(stage, settings -> new BackendSession(Settings.Mode.EMBEDDED, "memory", kb,
                researcher, new PipelineIngestor(kb), null), temp.resolve("config"), Settings.defaults());
    }

    @Stop
    void stop() {
        app.close();
    }

    @Test
    void runScheduleNowSaysWhatItDoesClearsTheOldTopicAndShowsThePickedOne(FxRobot robot) {
        app.awaitHealthy();
        robot.clickOn("#nav-research");
        robot.clickOn("#researchTopic").write("an old topic");
        var button = robot.lookup("#researchAuto").queryButton();
        assertThat(button.getText()).isEqualTo("Run schedule now");
        assertThat(button.getTooltip().getText()).contains("next topic from the watchlist");

        researcher.holdAfterReading();
        robot.clickOn("#researchAuto");
        waitUntil(10, () -> app.workbench.research().runningProperty().get());
        assertThat(robot.lookup("#researchTopic").queryTextInputControl().getText())
                .as("the typed topic is not what runs").isEmpty();
        assertThat(robot.lookup("#researchStatus").queryLabeled().getText())
                .startsWith("Running the schedule now: the researcher picks the next topic");
        robot.interact(() -> app.workbench.research().cancel());
        waitUntil(10, () -> !app.workbench.research().runningProperty().get());

        robot.clickOn("#researchAuto");
        waitUntil(10, () -> !app.workbench.research().runningProperty().get()
                && app.workbench.research().reportProperty().get() != null);
        assertThat(robot.lookup("#researchTopic").queryTextInputControl().getText()).isEqualTo("market outlook");
        assertThat(robot.lookup("#researchStatus").queryLabeled().getText())
                .startsWith("Done (schedule run now, topic “market outlook”)");
        robot.clickOn("#nav-feed");
        waitUntil(10, () -> !robot.lookup("#feedList").queryListView().getItems().isEmpty());
        assertThat(robot.lookup("#feedList .result-source").queryAllAs(Labeled.class))
                .anySatisfy(meta -> assertThat(meta.getText()).contains("from the schedule"));
    }

    @Test
    void theNavigationCountsUnreadReportsAndAReportReadOnTheResearchScreenIsRead(FxRobot robot) {
        app.awaitHealthy();
        researcher.research("chip supply", step -> { });
        robot.interact(() -> app.connection.changed());
        waitUntil(10, () -> robot.lookup("#nav-feed").queryAs(ButtonBase.class).getText().equals("Feed (1)"));

        robot.clickOn("#nav-research");
        robot.clickOn("#researchTopic").write("rates outlook");
        robot.clickOn("#researchRun");
        waitUntil(10, () -> !app.workbench.research().runningProperty().get()
                && app.workbench.research().reportProperty().get() != null);
        String id = app.workbench.research().reportProperty().get().id();
        waitUntil(10, () -> researcher.report(id).read());
        waitUntil(10, () -> robot.lookup("#nav-feed").queryAs(ButtonBase.class).getText().equals("Feed (1)")
                && app.workbench.feed().reports().size() == 2);
        assertThat(app.workbench.feed().reports()).filteredOn(r -> r.id().equals(id)).singleElement()
                .satisfies(r -> assertThat(r.read()).as("read where it was shown").isTrue());
    }

    @Test
    void theWindowTheLastScreenAndTheLibraryOrderChosenByItsHeaderAreRememberedForTheNextLaunch(FxRobot robot) {
        app.awaitHealthy();
        robot.clickOn("#nav-library");
        TableView<?> libraryTable = robot.lookup("#libraryTable").queryTableView();
        // What a click on the "Title" header does (a robot click on the header left the order unchanged here).
        robot.interact(() -> sortBy(libraryTable, "Title"));
        waitUntil(10, () -> app.workbench.library().sortProperty().get() == DocumentQuery.Sort.TITLE);
        var store = new WindowStateStore(temp.resolve("config"));
        robot.interact(() -> store.save(app.workbench.windowState(stage)));

        WindowState remembered = new WindowStateStore(temp.resolve("config")).load();
        assertThat(remembered.screen()).isEqualTo("LIBRARY");
        assertThat(remembered.librarySort()).isEqualTo("TITLE");
        assertThat(remembered.width()).isEqualTo(stage.getWidth());
        assertThat(remembered.hasBounds()).isTrue();

        robot.clickOn("#nav-feed");
        robot.interact(() -> app.workbench.library().sortProperty().set(DocumentQuery.Sort.NEWEST_INGESTED));
        robot.interact(() -> app.workbench.restore(remembered));
        assertThat(app.workbench.screenProperty().get()).isEqualTo(Screen.LIBRARY);
        assertThat(app.workbench.library().sortProperty().get()).isEqualTo(DocumentQuery.Sort.TITLE);
        TableView<?> table = robot.lookup("#libraryTable").queryTableView();
        assertThat(table.getSortOrder()).singleElement().extracting(TableColumn::getText).isEqualTo("Title");
        assertThat(new WindowStateStore(temp.resolve("nowhere")).load()).isEqualTo(WindowState.NONE);
    }

    @Test
    void settingsSayTheyAreNotSavedYetAndWatchedFoldersAreChosenWithAFolderChooser(FxRobot robot) throws Exception {
        app.awaitHealthy();
        robot.clickOn("#nav-settings");
        assertThat(robot.lookup("#settingsWhere").queryLabeled().getText())
                .isEqualTo("Not saved yet: Save writes " + app.store.file() + " (readable by you only).");

        Path watched = java.nio.file.Files.createDirectories(temp.resolve("watched notes"));
        app.dialogs.folder = watched;
        robot.interact(() -> robot.lookup("#settingsView .scroll-pane").queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1));
        robot.clickOn("#settingsAddWatchedFolder");
        robot.clickOn("#settingsAddWatchedFolder"); // the same folder twice is kept once
        ListView<WatchedFolder> folders = robot.lookup("#settingsWatchedFolders").queryListView();
        assertThat(folders.getItems()).containsExactly(WatchedFolder.of(watched.toAbsolutePath().toString()));
        // Each watched folder has its own tags and type, set in a small dialog.
        robot.interact(() -> folders.getSelectionModel().select(0));
        robot.clickOn("#settingsEditWatchedFolder");
        robot.clickOn("#watchedFolderTags").write("NVDA, filings");
        robot.interact(() -> robot.lookup("#watchedFolderType").queryComboBox().getSelectionModel()
                .select(DocumentType.NOTE));
        robot.clickOn("OK");
        waitUntil(10, () -> !folders.getItems().getFirst().tags().isEmpty());
        robot.clickOn("#settingsSave");
        waitUntil(10, () -> robot.lookup("#settingsWhere").queryLabeled().getText().startsWith("Saved in "));
        assertThat(app.store.load().watchedFolders()).containsExactly(new WatchedFolder(watched.toAbsolutePath().toString(),
                java.util.List.of("NVDA", "filings"), DocumentType.NOTE));

        robot.clickOn(folders.getItems().getFirst().describe());
        robot.clickOn("#settingsRemoveWatchedFolder");
        assertThat(folders.getItems()).isEmpty();
    }

    @Test
    void aProblemPopsUpInsideTheWindowAboveTheStatusBarInTheThemesColours(FxRobot robot) {
        app.awaitHealthy();
        robot.interact(() -> app.workbench.notifier().error("The folder /data/kb is in use by another Alex."));
        Node toast = robot.lookup(".toast-problem").query();
        Node bar = robot.lookup("#statusBar").query();
        WaitForAsyncUtils.waitForFxEvents(3);
        assertThat(toast.localToScene(toast.getLayoutBounds()).getMaxY()) // its box, not its shadow
                .as("the toast ends above the status bar").isLessThanOrEqualTo(bar.localToScene(bar.getBoundsInLocal()).getMinY());
        assertThat(toast.getScene()).isSameAs(bar.getScene());
        double light = brightness(toast);
        Screenshots.save(app.workbench.root(), "notification");

        robot.interact(() -> Themes.apply(Settings.Theme.DARK, app.workbench.root().getScene()));
        WaitForAsyncUtils.waitForFxEvents(3);
        assertThat(brightness(toast)).as("dark theme, dark toast").isLessThan(0.4).isLessThan(light);
        Screenshots.save(app.workbench.root(), "notification-dark");
        robot.interact(() -> Themes.apply(Settings.Theme.LIGHT, app.workbench.root().getScene()));

        robot.clickOn(robot.lookup(".toast-close").queryAs(Node.class));
        assertThat(robot.lookup(".toast").queryAll()).isEmpty();
        assertThat(robot.lookup("#statusMessage").queryLabeled().getText()).startsWith("The folder /data/kb is in use");
    }

    private static double brightness(Node node) {
        var region = (javafx.scene.layout.Region) node;
        var fill = region.getBackground().getFills().getFirst().getFill();
        return ((javafx.scene.paint.Color) fill).getBrightness();
    }

    @Test
    void noButtonOrCheckBoxIsCutAndEveryPlaceholderFitsItsField(FxRobot robot) {
        app.awaitHealthy();
        researcher.research("chip supply", step -> { }); // a feed status text competes for the Feed's row
        robot.interact(() -> app.connection.changed());
        var problems = new ArrayList<String>();
        for (Screen screen : Screen.values()) {
            robot.interact(() -> app.workbench.show(screen));
            WaitForAsyncUtils.waitForFxEvents(3);
            Node view = app.workbench.view(screen);
            problems.addAll(onFx(() -> clipped(view)));
            if (screen == Screen.FEED) {
                Screenshots.save(app.workbench.root(), "feed-unread-count");
            }
        }
        Node navigation = robot.lookup("#navigation").query();
        problems.addAll(onFx(() -> clipped(navigation)));
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sortBy(TableView table, String header) {
        for (Object column : table.getColumns()) {
            if (header.equals(((TableColumn<?, ?>) column).getText())) {
                table.getSortOrder().setAll(List.of(column));
            }
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Buttons and check boxes (outside list and table cells) whose text is cut, and prompts wider than their field. */
    private static List<String> clipped(Node root) {
        var out = new ArrayList<String>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (!node.isVisible() || node instanceof Cell<?>) {
            return;
        }
        if (node instanceof ButtonBase b && b.isTextTruncated()) {
            out.add("button cut: \"" + b.getText() + "\" (" + b.getId() + ")");
        }
        if (node instanceof TextField f && f.getPromptText() != null && !f.getPromptText().isEmpty()
                && f.getText().isEmpty() && f.getWidth() > 0) {
            var text = new Text(f.getPromptText());
            text.setFont(f.getFont());
            double needed = text.getLayoutBounds().getWidth();
            double room = f.getWidth() - f.getInsets().getLeft() - f.getInsets().getRight();
            if (needed > room + 1) {
                out.add("placeholder cut: \"" + f.getPromptText() + "\" (" + f.getId() + ", " + Math.round(needed)
                        + " px in " + Math.round(room) + ")");
            }
        }
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, out));
        }
    }
}
