package app.alex.desktop.ingest;

import app.alex.core.document.DocumentType;
import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.Ingestor;
import app.alex.desktop.backend.UnavailableResearcher;
import app.alex.desktop.config.Settings;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import app.alex.desktop.testing.TestWorkbench;
import app.alex.desktop.ui.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The status bar's document count follows a long ingest instead of waiting for its end. */
@ExtendWith(ApplicationExtension.class)
class IngestCountsTest {
    @TempDir
    Path temp;
    TestWorkbench app;
    final InMemoryKnowledgeBase kb = new InMemoryKnowledgeBase();
    final CountDownLatch release = new CountDownLatch(1);

    /** Stores the first file, then waits (like a big second file being embedded) until the test lets it go. */
    final class GatedIngestor implements Ingestor {
        @Override
        public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
            Path first = paths.getFirst().resolve("first.txt");
            Path second = paths.getFirst().resolve("second.txt");
            listener.planned(2, 200);
            var results = new ArrayList<IngestResult>();
            listener.fileStarted(first);
            IngestResult stored = kb.ingest(new TextIngestRequest(null, "First file.", "first", first.toString(),
                    DocumentType.DOCUMENT, List.of(), null, "text/plain", null));
            var created = new IngestResult(first.toString(), stored.status(), stored.documentId(), "first", 1, null, null);
            results.add(created);
            listener.fileFinished(first, 100, created);
            listener.fileStarted(second);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new BatchSummary(results, listener.cancelled());
        }

        @Override
        public IngestResult ingestText(TextIngestRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @Start
    void start(Stage stage) {
        app = TestWorkbench.show(stage, settings -> new BackendSession(Settings.Mode.EMBEDDED, "memory", kb,
                new UnavailableResearcher(), new GatedIngestor(), null), temp.resolve("config"), Settings.defaults());
    }

    @Stop
    void stop() {
        release.countDown();
        app.close();
    }

    @Test
    void theDocumentCountRisesWhileTheBatchIsStillRunning(FxRobot robot) throws Exception {
        app.awaitHealthy();
        assertThat(robot.lookup("#statusCounts").queryLabeled().getText()).startsWith("0 documents");
        robot.interact(() -> app.workbench.show(Screen.INGEST));
        app.dialogs.folder = Files.createDirectories(temp.resolve("folder"));
        robot.clickOn("#addFolder");

        waitUntil(10, () -> robot.lookup("#statusCounts").queryLabeled().getText().startsWith("1 documents"));
        assertThat(app.workbench.ingest().runningProperty().get()).as("still ingesting").isTrue();
        release.countDown();
        waitUntil(10, () -> !app.workbench.ingest().runningProperty().get());
    }
}
