package app.alex.desktop.ingest;

import app.alex.core.error.ErrorCode;
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

/** Cancel stops the running batch between steps and drops what is queued; the window stays usable meanwhile. */
@ExtendWith(ApplicationExtension.class)
class IngestCancelTest {
    @TempDir
    Path temp;
    TestWorkbench app;
    final CountDownLatch firstFileStarted = new CountDownLatch(1);

    /** Takes its time on each file until told to stop, like a large PDF being embedded. */
    final class SlowIngestor implements Ingestor {
        @Override
        public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
            var files = List.of(paths.getFirst().resolve("a.txt"), paths.getFirst().resolve("b.txt"), paths.getFirst().resolve("c.txt"));
            listener.planned(files.size(), 300);
            var results = new ArrayList<IngestResult>();
            for (Path file : files) {
                if (listener.cancelled()) {
                    return new BatchSummary(results, true);
                }
                listener.fileStarted(file);
                firstFileStarted.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!listener.cancelled() && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // "working" on the file
                }
                var result = IngestResult.failed(file.toString(), ErrorCode.CONFLICT, "cancelled before it was stored");
                results.add(result);
                listener.fileFinished(file, 100, result);
            }
            return new BatchSummary(results, true);
        }

        @Override
        public IngestResult ingestText(TextIngestRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @Start
    void start(Stage stage) {
        var kb = new InMemoryKnowledgeBase();
        app = TestWorkbench.show(stage, settings -> new BackendSession(Settings.Mode.EMBEDDED, "memory", kb,
                new UnavailableResearcher(), new SlowIngestor(), null), temp.resolve("config"), Settings.defaults());
    }

    @Stop
    void stop() {
        app.close();
    }

    @Test
    void cancelMarksTheRunningFileAndTheQueuedBatchCancelled(FxRobot robot) throws Exception {
        app.awaitHealthy();
        Path first = Files.createDirectories(temp.resolve("big-folder"));
        Path second = Files.createDirectories(temp.resolve("next-folder"));
        robot.interact(() -> app.workbench.show(Screen.INGEST));
        app.dialogs.folder = first;
        robot.clickOn("#addFolder");
        assertThat(firstFileStarted.await(10, TimeUnit.SECONDS)).isTrue();
        app.dialogs.folder = second;
        robot.clickOn("#addFolder");
        waitUntil(5, () -> app.workbench.ingest().items().size() == 3); // folder, a.txt, queued folder

        robot.clickOn("#navigation #nav-search"); // the window answers while a batch runs
        assertThat(app.workbench.screenProperty().get()).isEqualTo(Screen.SEARCH);
        robot.clickOn("#nav-ingest").clickOn("#cancelIngest");

        waitUntil(10, () -> !app.workbench.ingest().runningProperty().get());
        var byName = new java.util.HashMap<String, IngestItem.Status>();
        app.workbench.ingest().items().forEach(i -> byName.put(i.name(), i.status()));
        assertThat(byName).containsEntry("big-folder", IngestItem.Status.CANCELLED)
                .containsEntry("a.txt", IngestItem.Status.CANCELLED)
                .containsEntry("next-folder", IngestItem.Status.CANCELLED)
                .doesNotContainKey("b.txt");
        assertThat(robot.lookup("#ingestTotals").queryLabeled().getText()).startsWith("0 new, 0 failed, 1 cancelled");
        assertThat(robot.lookup("#statusMessage").queryLabeled().getText()).startsWith("Ingest cancelled");
        assertThat(robot.lookup(".toast-problem").queryAll()).as("a Cancel is not a problem").isEmpty();
    }
}
