package app.alex.desktop;

import app.alex.core.index.DocumentQuery;
import app.alex.core.document.DocumentType;
import app.alex.desktop.config.WatchedFolder;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.llm.ChatMessage;
import app.alex.core.llm.ChatRequest;
import app.alex.core.llm.ChatResponse;
import app.alex.core.llm.LanguageModel;
import app.alex.core.llm.ToolCall;
import app.alex.core.research.Citation;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.PipelineIngestor;
import app.alex.desktop.backend.Researchers;
import app.alex.desktop.ingest.IngestItem;
import app.alex.desktop.backend.ScheduledResearcher;
import app.alex.research.schedule.ResearchScheduler;
import app.alex.desktop.config.Settings;
import app.alex.desktop.testing.Fixtures;
import app.alex.desktop.testing.Screenshots;
import app.alex.desktop.testing.TestWorkbench;
import app.alex.desktop.ui.Screen;
import app.alex.embedded.EmbeddedBackend;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.llm.ModelSettings;
import app.alex.research.web.GuardedWebFetcher;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
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

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Research in the workbench with the real research service over the real embedded backend: the
 * extractive brief (no language model), and the agent driven by a fake language model that makes
 * tool calls (search the knowledge base, then save a report citing what it found).
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchResearchTest {
    @TempDir
    static Path temp;
    static EmbeddedBackend backend;

    TestWorkbench app;
    ResearchService researcher;

    @BeforeAll
    static void openBackendWithTheLibraryFixtures() {
        backend = EmbeddedBackend.open(temp.resolve("data"));
        backend.ingest().ingestPaths(List.of(Fixtures.resource("library")), IngestOptions.DEFAULTS, IngestListener.NONE);
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    /** Calls search_knowledge_base, then saves a report that cites the first passage it was given. */
    static final class ToolCallingModel implements LanguageModel {
        private static final Pattern SOURCE = Pattern.compile("<untrusted_source n=\"(\\d+)\"");

        @Override
        public String name() {
            return "fake tool-calling model";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            if (request.messages().getLast() instanceof ChatMessage.ToolResult result) {
                Matcher m = SOURCE.matcher(result.content());
                String n = m.find() ? m.group(1) : "1";
                String markdown = "# Reinvested dividends are taxed when paid\\n\\n## Summary\\nReinvested dividends are "
                        + "taxable in the year they are paid [" + n + "].\\n\\n## Key points\\n- Each reinvestment starts a new tax lot ["
                        + n + "].";
                return new ChatResponse("", List.of(new ToolCall("c2", "save_research",
                        "{\"title\":\"Reinvested dividends are taxed when paid\",\"markdown\":\"" + markdown + "\"}")),
                        500, 120, ChatResponse.StopReason.TOOL_USE);
            }
            return new ChatResponse("", List.of(new ToolCall("c1", "search_knowledge_base",
                    "{\"query\":\"how are reinvested dividends taxed\"}")), 300, 20, ChatResponse.StopReason.TOOL_USE);
        }
    }

    private void show(Stage stage, Optional<LanguageModel> model) {
        researcher = new ResearchService(backend.knowledgeBase(), model, new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(backend.knowledgeBase()), List::of, ResearchAgent.Limits.standard(),
                Clock.systemUTC());
        app = TestWorkbench.show(stage, settings -> new BackendSession(Settings.Mode.EMBEDDED, backend.dataDir().toString(),
                backend.knowledgeBase(), researcher, new PipelineIngestor(backend.knowledgeBase()), null),
                temp.resolve("config-" + System.nanoTime()), Settings.defaults());
    }

    @Start
    void start(Stage stage) {
        show(stage, Optional.empty());
    }

    @Stop
    void stop() {
        app.close();
    }

    private void run(FxRobot robot, String topic) {
        app.awaitHealthy();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        robot.clickOn("#researchTopic").write(topic);
        robot.clickOn("#researchRun");
        waitUntil(60, () -> app.workbench.research().reportProperty().get() != null);
    }

    @Test
    void withoutAModelTheWorkbenchShowsALabelledExtractiveBriefThatTheFeedLists(FxRobot robot) {
        run(robot, "reinvested dividends tax");

        ResearchReport report = app.workbench.research().reportProperty().get();
        assertThat(report.extractive()).isTrue();
        assertThat(report.citations()).extracting(Citation::title).as("on topic only, with the real model")
                .contains("dividend-reinvestment.txt").doesNotContain("OPEC+ production cuts and crude oil prices");
        StyleClassedTextArea text = robot.lookup("#reportText").query();
        assertThat(text.getText()).contains("Extractive brief").contains("Key points");
        assertThat(robot.lookup("#citation-1").tryQuery()).isPresent();
        Screenshots.save(app.workbench.root(), "research-extractive");
        assertThat(app.workbench.research().steps()).extracting(ResearchStep::kind)
                .containsSubsequence(ResearchStep.Kind.SEARCHING, ResearchStep.Kind.WRITING, ResearchStep.Kind.DONE);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        ListView<ResearchReport> feed = robot.lookup("#feedList").queryListView();
        waitUntil(10, () -> !feed.getItems().isEmpty() && feed.getItems().getFirst().id().equals(report.id()));
    }

    @Test
    void aModelThatCallsToolsProducesAReportCitingTheRetrievedPassage(FxRobot robot) throws Exception {
        robot.interact(() -> app.close());
        robot.interact(() -> show(new Stage(), Optional.of(new ToolCallingModel())));
        run(robot, "How are reinvested dividends taxed?");

        ResearchReport report = app.workbench.research().reportProperty().get();
        assertThat(report.extractive()).isFalse();
        assertThat(report.model()).isEqualTo("fake tool-calling model");
        assertThat(report.title()).isEqualTo("Reinvested dividends are taxed when paid");
        assertThat(report.citations()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Citation.Kind.PASSAGE);
            assertThat(backend.knowledgeBase().chunks(c.documentId()).get(c.chunkIndex()).text()).contains(c.quote().substring(0, 30));
        });
        StyleClassedTextArea text = robot.from(app.workbench.root()).lookup("#reportText").query();
        assertThat(text.getText()).contains("taxable in the year they are paid [1]");
        Screenshots.save(app.workbench.root(), "research-agent");
        assertThat(app.workbench.research().steps()).extracting(ResearchStep::kind)
                .containsSubsequence(ResearchStep.Kind.PLANNING, ResearchStep.Kind.SEARCHING, ResearchStep.Kind.WRITING,
                        ResearchStep.Kind.DONE);
    }

    @Test
    void aScheduledReportAnnouncesItselfAndAppearsInTheFeed(FxRobot robot) {
        robot.interact(() -> app.close());
        var service = new ResearchService(backend.knowledgeBase(), Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(backend.knowledgeBase()), () -> List.of("OPEC production cuts"),
                ResearchAgent.Limits.standard(), Clock.systemUTC());
        var scheduled = new ScheduledResearcher(service, job -> new ResearchScheduler(temp.resolve("schedule-" + System.nanoTime() + ".json"),
                Clock.systemUTC(), java.time.Duration.ofHours(2), true, job));
        robot.interact(() -> app = TestWorkbench.show(new Stage(), settings -> new BackendSession(Settings.Mode.EMBEDDED,
                backend.dataDir().toString(), backend.knowledgeBase(), scheduled, new PipelineIngestor(backend.knowledgeBase()), null),
                temp.resolve("config-" + System.nanoTime()), Settings.defaults()));
        app.awaitHealthy();
        assertThat(robot.from(app.workbench.root()).lookup("#statusSchedule").queryAs(javafx.scene.control.Label.class).getText()).startsWith("Next research ");

        assertThat(scheduled.runNow()).isEqualTo(ResearchScheduler.TickResult.RAN);

        ListView<ResearchReport> feed = robot.from(app.workbench.root()).lookup("#feedList").queryListView();
        waitUntil(20, () -> feed.getItems().stream().anyMatch(r -> r.topic().equals("OPEC production cuts")
                && r.trigger() == ResearchReport.Trigger.SCHEDULED));
        waitUntil(10, () -> robot.from(app.workbench.root()).lookup("#statusMessage").tryQuery().map(n -> ((javafx.scene.control.Label) n).getText())
                .orElse("").startsWith("Scheduled research is ready: "));
    }

    @Test
    void aWatchedFolderIngestsNewAndChangedFilesOnItsOwn(FxRobot robot) throws Exception {
        Path watched = java.nio.file.Files.createDirectories(temp.resolve("watched-" + System.nanoTime()));
        robot.interact(() -> app.close());
        robot.interact(() -> app = TestWorkbench.show(new Stage(), settings -> new BackendSession(Settings.Mode.EMBEDDED,
                backend.dataDir().toString(), backend.knowledgeBase(), researcher, new PipelineIngestor(backend.knowledgeBase()), null),
                temp.resolve("config-" + System.nanoTime()), Settings.defaults().withWatchedFolders(List.of(new WatchedFolder(watched.toString(), List.of("copper", "Grid"),
                        DocumentType.NOTE)))));
        app.awaitHealthy();
        // The folder is watched once the session is open; a file written before that is not an event.
        waitUntil(30, () -> app.workbench.ingest().watching());
        var items = app.workbench.ingest().items();

        java.nio.file.Files.writeString(watched.resolve("copper-note.md"), "# Copper\n\nCopper demand from grid investment rose.\n");
        waitUntil(30, () -> items.stream().anyMatch(i -> i.name().equals("copper-note.md")
                && i.status() == IngestItem.Status.NEW));
        robot.interact(() -> app.workbench.ingest().tagsProperty().set("typed-in-the-ingest-box"));
        var stored = backend.knowledgeBase().documents(new DocumentQuery(null, null, 100, null)).documents()
                .stream().filter(d -> d.source().endsWith("copper-note.md")).findFirst().orElseThrow();
        assertThat(stored.tags()).as("the folder's own tags, kept as typed").containsExactly("copper", "Grid");
        assertThat(stored.type()).isEqualTo(DocumentType.NOTE);

        java.nio.file.Files.writeString(watched.resolve("copper-note.md"), "# Copper\n\nCopper demand from grid investment fell.\n");
        waitUntil(30, () -> items.stream().anyMatch(i -> i.name().equals("copper-note.md")
                && i.status() == IngestItem.Status.REPLACED));
        var replaced = backend.knowledgeBase().documents(new DocumentQuery(null, null, 100, null)).documents()
                .stream().filter(d -> d.source().endsWith("copper-note.md")).findFirst().orElseThrow();
        assertThat(replaced.tags()).as("not what happens to be in the Ingest screen's Tags box").containsExactly("copper", "Grid");
    }

    @Test
    void theDesktopMapsItsLanguageModelSettingsToTheResearcher() {
        assertThat(Researchers.modelSettings(Settings.LanguageModel.DEFAULT)).isEqualTo(ModelSettings.NONE);
        var openai = Researchers.modelSettings(new Settings.LanguageModel(Settings.Provider.OPENAI_COMPATIBLE,
                "http://localhost:11434/v1", "llama3.1:8b", "", "", "", ""));
        assertThat(openai.describe()).isEqualTo("llama3.1:8b @ http://localhost:11434/v1");
        var bedrock = Researchers.modelSettings(new Settings.LanguageModel(Settings.Provider.BEDROCK,
                "", "", "", "work", "eu-west-1", ""));
        assertThat(bedrock.describe()).isEqualTo("openai.gpt-oss-120b-1:0 (Bedrock eu-west-1)");
    }
}
