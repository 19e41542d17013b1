package app.alex.desktop.research;

import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.PipelineIngestor;
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

import java.nio.file.Path;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Until a researcher is wired in, Feed and Research say so in plain words instead of failing obscurely. */
@ExtendWith(ApplicationExtension.class)
class ResearchUnavailableTest {
    @TempDir
    Path temp;
    TestWorkbench app;

    @Start
    void start(Stage stage) {
        var kb = new InMemoryKnowledgeBase();
        app = TestWorkbench.show(stage, settings -> new BackendSession(Settings.Mode.EMBEDDED, "memory", kb,
                new UnavailableResearcher(), new PipelineIngestor(kb), null), temp.resolve("config"), Settings.defaults());
    }

    @Stop
    void stop() {
        app.close();
    }

    @Test
    void feedAndResearchExplainThatResearchIsNotAvailableYet(FxRobot robot) {
        app.awaitHealthy();
        robot.clickOn("#nav-feed");
        waitUntil(10, () -> robot.lookup("#feedStatus").queryLabeled().getText().equals(UnavailableResearcher.MESSAGE));

        robot.clickOn("#nav-research");
        robot.clickOn("#researchTopic").write("anything");
        robot.clickOn("#researchRun");
        waitUntil(10, () -> !app.workbench.research().runningProperty().get()
                && robot.lookup("#researchStatus").queryLabeled().getText().startsWith("Research failed"));
        assertThat(robot.lookup("#researchStatus").queryLabeled().getText())
                .isEqualTo("Research failed: " + UnavailableResearcher.MESSAGE);
        assertThat(robot.lookup("#statusMessage").queryLabeled().getText()).isEqualTo(UnavailableResearcher.MESSAGE);
        assertThat(app.workbench.screenProperty().get()).isEqualTo(Screen.RESEARCH);
    }
}
