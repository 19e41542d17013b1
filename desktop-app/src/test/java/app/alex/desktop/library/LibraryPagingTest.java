package app.alex.desktop.library;

import app.alex.core.document.DocumentRecord;
import app.alex.core.research.Researcher;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.PipelineIngestor;
import app.alex.desktop.backend.UnavailableResearcher;
import app.alex.desktop.config.Settings;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.Screen;
import app.alex.desktop.ui.VirtualThreadTaskExecutor;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Library asks the backend for one page at a time and for the next one only when the analyst scrolls to it. */
@ExtendWith(ApplicationExtension.class)
class LibraryPagingTest {
    static final int DOCUMENTS = 120;
    static final int PAGE = 5;

    VirtualThreadTaskExecutor executor;
    LibraryViewModel model;

    @Start
    void start(Stage stage) {
        executor = new VirtualThreadTaskExecutor();
        var kb = new InMemoryKnowledgeBase().withDocuments(DOCUMENTS);
        Researcher researcher = new UnavailableResearcher();
        var connection = new BackendConnection(settings -> new BackendSession(Settings.Mode.EMBEDDED, "memory", kb,
                researcher, new PipelineIngestor(kb), null), executor);
        model = new LibraryViewModel(connection, executor, Notifier.NONE, PAGE);
        var view = new LibraryView(model, new Navigator() {
            @Override
            public void show(Screen screen) {
            }

            @Override
            public void openPassage(String documentId, int chunkIndex) {
            }

            @Override
            public void openExternal(String uriOrPath) {
            }
        });
        stage.setScene(new Scene(view));
        stage.setWidth(900);
        stage.setHeight(700); // about 12 rows: more than a page, far fewer than all documents
        stage.show();
        connection.connect(Settings.defaults());
    }

    @Stop
    void stop() {
        executor.close();
    }

    @Test
    void theDeleteConfirmationAnswersCancelWhenEnterIsPressed(FxRobot robot) throws Exception {
        var deleteType = new javafx.scene.control.ButtonType("Delete", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        var buttons = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            var alert = LibraryView.deleteConfirmation(new InMemoryKnowledgeBase().withDocuments(1).document("doc-000"),
                    deleteType);
            var pane = alert.getDialogPane();
            return java.util.List.of((javafx.scene.control.Button) pane.lookupButton(deleteType),
                    (javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(buttons.get(0).isDefaultButton()).as("Delete is the default").isFalse();
        assertThat(buttons.get(1).isDefaultButton()).as("Cancel is the default").isTrue();
    }

    @Test
    void pagesFillTheTableThenMoreLoadOnlyWhenScrolledToTheEnd(FxRobot robot) {
        TableView<DocumentRecord> table = robot.lookup("#libraryTable").queryTableView();
        // A page of 5 does not fill the table, so the next ones follow until it is full; then loading stops.
        waitUntil(10, () -> table.getItems().size() > PAGE && !model.loadingProperty().get());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(5);
        waitUntil(10, () -> !model.loadingProperty().get());
        int filled = table.getItems().size();
        assertThat(filled).as("short pages are followed until the table is full, not to the end")
                .isGreaterThan(PAGE).isLessThan(DOCUMENTS);
        assertThat(table.getItems().getFirst().title()).isEqualTo("Document 119"); // newest first

        for (int i = 0; i < 30 && table.getItems().size() < DOCUMENTS; i++) {
            int before = table.getItems().size();
            robot.interact(() -> table.scrollTo(before - 1));
            waitUntil(10, () -> table.getItems().size() > before || !model.hasMoreProperty().get());
        }
        assertThat(table.getItems()).hasSize(DOCUMENTS);
        assertThat(table.getItems().stream().map(DocumentRecord::id).distinct().count()).isEqualTo(DOCUMENTS);
        assertThat(model.hasMoreProperty().get()).isFalse();
        assertThat(robot.lookup("#libraryLoadMore").query().isVisible()).isFalse();
    }

    @Test
    void sortingByTitleAsksTheBackendForTheFirstPageInThatOrder(FxRobot robot) {
        TableView<DocumentRecord> table = robot.lookup("#libraryTable").queryTableView();
        waitUntil(10, () -> !table.getItems().isEmpty() && !model.loadingProperty().get());
        robot.clickOn("#librarySort").clickOn("Title A–Z");
        waitUntil(10, () -> table.getItems().getFirst().title().equals("Document 000"));
    }

    @Test
    void aFilterThatHidesTheSelectedDocumentClosesItsDetailsAndANewOrderKeepsThem(FxRobot robot) {
        TableView<DocumentRecord> table = robot.lookup("#libraryTable").queryTableView();
        waitUntil(10, () -> !table.getItems().isEmpty() && !model.loadingProperty().get());
        var newest = table.getItems().getFirst();
        robot.interact(() -> model.select(newest));
        waitUntil(10, () -> newest.equals(model.selectedProperty().get()));

        robot.interact(() -> model.sortProperty().set(app.alex.core.index.DocumentQuery.Sort.TITLE));
        waitUntil(10, () -> table.getItems().getFirst().title().equals("Document 000") && !model.loadingProperty().get());
        assertThat(model.selectedProperty().get()).as("reordering hides nothing").isEqualTo(newest);

        robot.interact(() -> model.typeProperty().set(app.alex.core.document.DocumentType.NOTE)); // no notes here
        waitUntil(10, () -> table.getItems().isEmpty() && !model.loadingProperty().get());
        waitUntil(10, () -> model.selectedProperty().get() == null);
    }
}
