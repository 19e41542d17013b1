package app.alex.desktop;

import app.alex.core.error.AlexException;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.Citation;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.search.SearchHit;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.PipelineIngestor;
import app.alex.desktop.config.Settings;
import app.alex.desktop.ingest.IngestItem;
import app.alex.desktop.pdf.TestPdfs;
import app.alex.desktop.testing.FakeResearcher;
import app.alex.desktop.testing.Fixtures;
import app.alex.desktop.testing.Screenshots;
import app.alex.desktop.testing.TestWorkbench;
import app.alex.desktop.ui.Screen;
import app.alex.embedded.EmbeddedBackend;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The workbench as an analyst uses it, over the real embedded backend (bundled model, Lucene
 * index in a temporary folder, shared by the tests of this class) and a fake researcher.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchEmbeddedTest {
    @TempDir
    static Path temp;
    static EmbeddedBackend backend;
    static FakeResearcher researcher;

    TestWorkbench app;

    @BeforeAll
    static void openBackendWithTheLibraryFixtures() {
        backend = EmbeddedBackend.open(temp.resolve("data"));
        researcher = new FakeResearcher(backend.knowledgeBase());
        var summary = backend.ingest().ingestPaths(List.of(Fixtures.resource("library")), IngestOptions.DEFAULTS,
                IngestListener.NONE);
        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(4);
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @Start
    void start(Stage stage) {
        app = TestWorkbench.show(stage, settings -> new BackendSession(Settings.Mode.EMBEDDED, backend.dataDir().toString(),
                backend.knowledgeBase(), researcher, new PipelineIngestor(backend.knowledgeBase()), null),
                temp.resolve("config-" + System.nanoTime()), Settings.defaults());
    }

    @Stop
    void stop() {
        app.close();
    }

    @Test
    void ctrlDigitsSwitchScreensAndTheStatusBarShowsBackendHealthAndCounts(FxRobot robot) {
        app.awaitHealthy();
        for (Screen screen : Screen.values()) {
            shortcut(robot, screen);
            assertThat(app.workbench.screenProperty().get()).isEqualTo(screen);
            assertThat(app.workbench.view(screen).isVisible()).isTrue();
            assertThat(app.workbench.view(screen).getScene()).isNotNull();
        }
        assertThat(label(robot, "#statusBackend")).isEqualTo("Embedded · " + backend.dataDir());
        assertThat(label(robot, "#statusHealth")).isEqualTo("Healthy");
        assertThat(label(robot, "#statusCounts")).matches("\\d+ documents · \\d+ passages");
        assertThat(label(robot, "#statusSchedule")).isEqualTo("Scheduled research: off");
    }

    @Test
    void ingestingAFolderShowsEachFileWithItsOutcomeAndAgainAsUnchanged(FxRobot robot) {
        app.awaitHealthy();
        Path inbox = Fixtures.copy("inbox", temp.resolve("ingest-" + System.nanoTime()));
        app.dialogs.folder = inbox;
        shortcut(robot, Screen.INGEST);
        robot.clickOn("#addFolder");
        awaitIngestIdle();

        Map<String, IngestItem> rows = rows(robot);
        assertThat(rows.get("semiconductor-notes.md").status()).isEqualTo(IngestItem.Status.NEW);
        assertThat(rows.get("rates-outlook.txt").status()).isEqualTo(IngestItem.Status.NEW);
        assertThat(rows.get("retail-earnings.html").status()).isEqualTo(IngestItem.Status.NEW);
        assertThat(rows.get("retail-earnings.html").messageProperty().get()).isEqualTo("Retail earnings season preview");
        assertThat(rows.get("empty.txt").status()).isEqualTo(IngestItem.Status.FAILED);
        assertThat(rows.get("empty.txt").messageProperty().get()).contains("no text found");
        assertThat(rows.get("chart.png").status()).isEqualTo(IngestItem.Status.SKIPPED);
        assertThat(rows.get(inbox.getFileName().toString()).status()).isEqualTo(IngestItem.Status.DONE);
        assertThat(label(robot, "#ingestTotals")).startsWith("3 new, 1 failed, 1 skipped · ");
        TableView<IngestItem> queue = robot.lookup("#ingestQueue").queryTableView();
        assertThat(queue.getItems()).allSatisfy(row -> assertThat(row.kind() == IngestItem.Kind.FOLDER
                || row.folder().equals(inbox.getFileName().toString())).isTrue());
        robot.clickOn("#ingestHideSkipped");
        assertThat(rows(robot)).doesNotContainKey("chart.png").containsKey("empty.txt");
        robot.clickOn("#ingestHideSkipped");
        assertThat(rows(robot)).containsKey("chart.png");
        // A column's header groups the queue: by status, then the other way round (as a header's clicks do).
        var byStatus = queue.getColumns().stream().filter(c -> c.getText().equals("Status")).findFirst().orElseThrow();
        robot.interact(() -> queue.getSortOrder().setAll(java.util.List.of(byStatus)));
        assertThat(queue.getItems()).extracting(IngestItem::status).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        robot.interact(() -> byStatus.setSortType(TableColumn.SortType.DESCENDING));
        assertThat(queue.getItems()).extracting(IngestItem::status).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(queue.getItems().getFirst().status()).isNotEqualTo(queue.getItems().getLast().status());
        robot.interact(() -> queue.getSortOrder().clear());

        robot.clickOn("#addFolder");
        awaitIngestIdle();
        assertThat(label(robot, "#ingestTotals")).contains("3 unchanged");

        robot.clickOn("#pasteText");
        robot.clickOn("#pasteTitle").write("Call notes");
        robot.clickOn("#pasteBody").write("Management expects gross margins to recover next quarter.");
        robot.clickOn("#pasteOk");
        awaitIngestIdle();
        assertThat(rows(robot).get("Call notes").status()).isEqualTo(IngestItem.Status.NEW);
        Screenshots.save(app.workbench.root(), "ingest");
    }

    private static java.util.Set<String> highlighted(FxRobot robot) {
        return robot.lookup("#searchResults .term-hit").queryAll().stream()
                .map(n -> ((Text) n).getText().toLowerCase()).collect(Collectors.toSet());
    }

    @Test
    void aHitOfAPdfShowsItsPageDrawnInTheWindowWithThePassageMarked(FxRobot robot) throws Exception {
        Path pdf = TestPdfs.twoPageFiling(temp.resolve("supply-filing.pdf"));
        assertThat(backend.ingest().ingestFile(pdf, IngestOptions.DEFAULTS, IngestListener.NONE).status())
                .isEqualTo(IngestStatus.CREATED);
        app.awaitHealthy();
        shortcut(robot, Screen.SEARCH);
        robot.clickOn("#searchField").write("a foundry disruption would delay shipments");
        ListView<SearchHit> results = robot.lookup("#searchResults").queryListView();
        waitUntil(30, () -> !results.getItems().isEmpty() && !app.workbench.search().searchingProperty().get()
                && results.getItems().getFirst().source().equals(pdf.toString()));
        SearchHit hit = results.getItems().getFirst();
        assertThat(hit.page()).as("the short filing is one passage, starting on page 1").isEqualTo(1);

        robot.clickOn(robot.lookup("#searchResults .list-cell").nth(0).queryAs(Node.class));
        waitUntil(10, () -> !robot.lookup("#searchShowPage").queryButton().isDisabled());
        robot.clickOn("#searchShowPage");
        waitUntil(20, () -> robot.lookup("#pdfPageImage").tryQuery().isPresent());

        assertThat(label(robot, "#pdfPageLabel")).isEqualTo("page 1 of 2");
        assertThat(robot.lookup("#pdfPage .pdf-mark").queryAll()).as("the passage's lines are marked").hasSize(3);
        assertThat(robot.lookup("#pdfPreviousPage").queryButton().isDisabled()).isTrue();
        Screenshots.save(app.workbench.root(), "pdf-page");
        robot.clickOn("#pdfNextPage");
        waitUntil(20, () -> label(robot, "#pdfPageLabel").equals("page 2 of 2"));
        assertThat(robot.lookup("#pdfPage .pdf-mark").queryAll()).as("where the passage runs on to").hasSize(4);
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        waitUntil(10, () -> robot.lookup("#pdfPage").tryQuery().isEmpty());
    }

    @Test
    void searchShowsTheRightDocumentFirstWhileTypingWithQueryWordsHighlighted(FxRobot robot) {
        app.awaitHealthy();
        shortcut(robot, Screen.SEARCH);
        robot.clickOn("#searchField").write("how are reinvested dividends taxed");
        ListView<SearchHit> results = robot.lookup("#searchResults").queryListView();
        waitUntil(30, () -> !results.getItems().isEmpty() && !app.workbench.search().searchingProperty().get());

        assertThat(results.getItems().getFirst().source()).endsWith("dividend-reinvestment.txt");
        assertThat(label(robot, "#searchStatus")).matches("\\d+ results? in \\d+ ms \\(hybrid\\)");
        // The cells render on the next pulses after the items arrive.
        waitUntil(10, () -> highlighted(robot).containsAll(List.of("dividends", "reinvested")));
        assertThat(highlighted(robot)).contains("dividends", "reinvested");

        robot.clickOn(robot.lookup("#searchResults .list-cell").nth(0).queryAs(Node.class));
        StyleClassedTextArea detail = robot.lookup("#searchDetailText").query();
        waitUntil(10, () -> detail.getText().contains("Reinvested dividends are still taxable"));
        assertThat(label(robot, "#searchDetailTitle")).isEqualTo(results.getItems().getFirst().title());
        Screenshots.save(app.workbench.root(), "search");

        robot.clickOn("#searchMapToggle");
        waitUntil(20, () -> robot.lookup("#mapQuery").tryQuery().isPresent()
                && robot.lookup("#searchMap .map-dot").queryAll().size() == results.getItems().size());
        assertThat(robot.lookup("#mapSelected").tryQuery()).as("the selected result is ringed on the map").isPresent();
        Screenshots.save(app.workbench.root(), "search-map");
        robot.clickOn("#searchMapToggle");

        robot.clickOn("#searchType").clickOn("Notes");
        waitUntil(10, () -> label(robot, "#searchStatus").startsWith("No results"));
    }

    @Test
    void researchStreamsStepsRendersTheReportAndItsCitationsLeadToThePassageAndTheWeb(FxRobot robot) throws Exception {
        app.awaitHealthy();
        shortcut(robot, Screen.RESEARCH);
        robot.clickOn("#researchTopic").write("reinvested dividends tax");
        robot.clickOn("#researchRun");
        waitUntil(30, () -> app.workbench.research().reportProperty().get() != null);

        ListView<ResearchStep> steps = robot.lookup("#researchSteps").queryListView();
        assertThat(steps.getItems()).extracting(ResearchStep::kind).containsSubsequence(ResearchStep.Kind.PLANNING,
                ResearchStep.Kind.SEARCHING, ResearchStep.Kind.READING, ResearchStep.Kind.WRITING, ResearchStep.Kind.DONE);
        ResearchReport report = app.workbench.research().reportProperty().get();
        assertThat(label(robot, "#reportTitle")).isEqualTo("Brief: reinvested dividends tax");
        StyleClassedTextArea text = robot.lookup("#reportText").query();
        assertThat(text.getText()).contains("Key points").doesNotContain("##").doesNotContain("**");
        assertThat(robot.lookup("#citation-1").tryQuery()).isPresent();
        Screenshots.save(app.workbench.root(), "research");

        Path html = temp.resolve("brief-" + System.nanoTime() + ".html");
        app.dialogs.saveAs = html;
        robot.clickOn("#reportExportHtml");
        waitUntil(10, () -> Files.exists(html));
        assertThat(Files.readString(html)).contains("<h2>Key points</h2>").contains("href=\"#cite-1\"");

        Citation first = report.citations().getFirst();
        clickText(robot, text, "[1]");
        waitUntil(10, () -> app.workbench.screenProperty().get() == Screen.LIBRARY
                && app.workbench.library().selectedProperty().get() != null
                && app.workbench.library().selectedProperty().get().id().equals(first.documentId()));
        StyleClassedTextArea passages = robot.lookup("#libraryPassages").query();
        waitUntil(10, () -> passages.getText().contains(first.quote().substring(0, 40)));
        assertThat(app.workbench.library().focusChunkProperty().get()).isEqualTo(first.chunkIndex());

        shortcut(robot, Screen.RESEARCH);
        Citation web = report.citations().getLast();
        assertThat(web.kind()).isEqualTo(Citation.Kind.WEB);
        robot.clickOn("#citation-" + web.number());
        waitUntil(5, () -> app.opened.contains(FakeResearcher.WEB_SOURCE));
    }

    @Test
    void cancelStopsARunningResearchAndNothingIsSaved(FxRobot robot) {
        app.awaitHealthy();
        researcher.holdAfterReading();
        shortcut(robot, Screen.RESEARCH);
        robot.clickOn("#researchTopic").write("crude oil supply");
        robot.clickOn("#researchRun");
        waitUntil(20, () -> app.workbench.research().steps().stream().anyMatch(s -> s.kind() == ResearchStep.Kind.READING));
        robot.clickOn("#researchCancel");
        waitUntil(10, () -> !app.workbench.research().runningProperty().get());
        assertThat(label(robot, "#researchStatus")).startsWith("Cancelled");
        assertThat(researcher.reports()).noneMatch(r -> r.topic().equals("crude oil supply"));
    }

    @Test
    void aFinishedReportIsInTheFeedReadWhereItWasWrittenAnUnreadOneIsReadWhenOpenedAndTheFilterFindsIt(FxRobot robot) {
        app.awaitHealthy();
        shortcut(robot, Screen.RESEARCH);
        robot.clickOn("#researchTopic").write("bank capital ratios");
        robot.clickOn("#researchRun");
        waitUntil(30, () -> app.workbench.research().reportProperty().get() != null);
        String id = app.workbench.research().reportProperty().get().id();

        shortcut(robot, Screen.FEED);
        ListView<ResearchReport> feed = robot.lookup("#feedList").queryListView();
        waitUntil(10, () -> !feed.getItems().isEmpty() && feed.getItems().getFirst().id().equals(id)
                && feed.getItems().getFirst().read()); // read where it was written, on the Research screen
        researcher.markRead(id, false); // as if it had arrived on its own
        robot.interact(app.connection::changed);
        waitUntil(10, () -> !feed.getItems().isEmpty() && feed.getItems().getFirst().id().equals(id)
                && !feed.getItems().getFirst().read());
        assertThat(robot.lookup("#feed-item-" + id + " .unread-dot").queryAs(Label.class).getText()).isEqualTo("●");

        robot.clickOn("#feed-item-" + id);
        waitUntil(10, () -> label(robot, "#feedReportTitle").equals("Brief: bank capital ratios")
                && researcher.report(id).read());
        waitUntil(10, () -> feed.getItems().stream().filter(r -> r.id().equals(id)).allMatch(ResearchReport::read));
        StyleClassedTextArea text = robot.lookup("#feedReportText").query();
        assertThat(text.getText()).contains("Key points");
        Screenshots.save(app.workbench.root(), "feed");

        robot.clickOn("#feedFilter").write("bank");
        waitUntil(10, () -> feed.getItems().stream().allMatch(r -> r.topic().contains("bank")) && !feed.getItems().isEmpty());
        robot.write("zzz");
        waitUntil(10, () -> feed.getItems().isEmpty());
        assertThat(label(robot, "#feedStatus")).isEqualTo("No reports match.");
    }

    @Test
    void libraryDeletesADocumentOnlyAfterConfirmation(FxRobot robot) {
        app.awaitHealthy();
        var result = backend.knowledgeBase().ingest(TextIngestRequest.of(
                "A memo that exists only to be deleted in a test. It mentions nothing else.", "Memo to delete", "memo://delete-me"));
        robot.interact(() -> app.connection.changed());
        shortcut(robot, Screen.LIBRARY);
        TableView<app.alex.core.document.DocumentRecord> table = robot.lookup("#libraryTable").queryTableView();
        waitUntil(10, () -> table.getItems().stream().anyMatch(d -> d.id().equals(result.documentId())));
        assertThat(table.getItems()).hasSizeGreaterThanOrEqualTo(5);

        robot.clickOn("Memo to delete");
        StyleClassedTextArea passages = robot.lookup("#libraryPassages").query();
        waitUntil(10, () -> passages.getText().contains("only to be deleted"));
        assertThat(label(robot, "#libraryDetailTitle")).isEqualTo("Memo to delete");
        Screenshots.save(app.workbench.root(), "library");

        robot.clickOn("#libraryDelete");
        robot.clickOn("#cancelDelete");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(backend.knowledgeBase().document(result.documentId())).isNotNull();

        robot.clickOn("#libraryDelete");
        robot.clickOn("#confirmDelete");
        waitUntil(10, () -> table.getItems().stream().noneMatch(d -> d.id().equals(result.documentId())));
        assertThatThrownBy(() -> backend.knowledgeBase().document(result.documentId())).isInstanceOf(AlexException.class);
        waitUntil(10, () -> label(robot, "#statusMessage").equals("Deleted “Memo to delete”."));
    }

    private void awaitIngestIdle() {
        waitUntil(60, () -> !app.workbench.ingest().runningProperty().get()
                && app.workbench.ingest().items().stream().allMatch(i -> i.status().finished()));
    }

    private static Map<String, IngestItem> rows(FxRobot robot) {
        TableView<IngestItem> table = robot.lookup("#ingestQueue").queryTableView();
        return table.getItems().stream().collect(Collectors.toMap(IngestItem::name, Function.identity(), (a, b) -> b));
    }

    private static void shortcut(FxRobot robot, Screen screen) {
        KeyCode digit = KeyCode.valueOf("DIGIT" + screen.shortcut());
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    /** Clicks the first occurrence of {@code needle} in a rich-text area, where a user would. */
    private static void clickText(FxRobot robot, StyleClassedTextArea area, String needle) throws Exception {
        Bounds bounds = WaitForAsyncUtils.asyncFx(() -> {
            int at = area.getText().indexOf(needle);
            return area.getCharacterBoundsOnScreen(at, at + needle.length()).orElseThrow();
        }).get(5, TimeUnit.SECONDS);
        robot.clickOn(new Point2D(bounds.getCenterX(), bounds.getCenterY()));
    }
}
