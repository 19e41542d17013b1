package app.alex.desktop.settings;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.core.search.SearchHit;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.DefaultBackendFactory;
import app.alex.desktop.backend.PipelineIngestor;
import app.alex.desktop.backend.UnavailableResearcher;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.SettingsStore;
import app.alex.desktop.ingest.IngestItem;
import app.alex.desktop.testing.FakeResearcher;
import app.alex.desktop.testing.Fixtures;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import app.alex.desktop.testing.Screenshots;
import app.alex.desktop.testing.TestWorkbench;
import app.alex.desktop.ui.Screen;
import app.alex.embedded.EmbeddedBackend;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings switch the workbench to a remote Alex API: here the real local server ({@code alex
 * serve}) on loopback, over its own embedded knowledge base, with one accepted key.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsRemoteTest {
    static final String KEY = "right-key-" + UUID.randomUUID();

    @TempDir
    static Path temp;
    static EmbeddedBackend serverBackend;
    static LocalApiServer server;

    TestWorkbench app;
    Path configDir;

    @BeforeAll
    static void startServer() throws Exception {
        serverBackend = EmbeddedBackend.open(temp.resolve("server-data"));
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(serverBackend.knowledgeBase(), ApiKeys.of(List.of(KEY))), null);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        serverBackend.close();
    }

    @Start
    void start(Stage stage) {
        configDir = temp.resolve("config-" + System.nanoTime());
        var local = new InMemoryKnowledgeBase().withDocuments(3);
        var remote = new DefaultBackendFactory((settings, kb) -> new FakeResearcher(kb), TestWorkbench.environment(configDir));
        app = TestWorkbench.show(stage, settings -> settings.backend().mode() == Settings.Mode.REMOTE ? remote.open(settings)
                : new BackendSession(Settings.Mode.EMBEDDED, "memory", local, new UnavailableResearcher(),
                new PipelineIngestor(local), null), configDir, Settings.defaults());
    }

    @Stop
    void stop() {
        app.close();
    }

    @Test
    void aWrongKeyIsRefusedClearlyTheRightKeyConnectsAndTheWorkbenchThenWorksRemotely(FxRobot robot) throws Exception {
        app.awaitHealthy();
        shortcut(robot, Screen.SETTINGS);
        robot.clickOn("#settingsModeRemote");
        robot.clickOn("#settingsApiUrl").write(server.uri().toString());
        robot.clickOn("#settingsApiKey").write("wrong-key");
        robot.clickOn("#settingsTest");
        waitUntil(10, () -> app.workbench.settings().verdictStateProperty().get() == SettingsViewModel.VerdictState.FAILED);
        assertThat(label(robot, "#settingsVerdict")).isEqualTo("Failed: The API key is not valid.");
        assertThat(robot.lookup("#settingsVerdict").queryAs(Label.class).getStyleClass()).contains("verdict-failed");

        robot.clickOn("#settingsApiKey");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(KEY);
        robot.clickOn("#settingsTest");
        waitUntil(10, () -> app.workbench.settings().verdictStateProperty().get() == SettingsViewModel.VerdictState.OK);
        assertThat(label(robot, "#settingsVerdict")).startsWith("Connected: the API at " + server.uri() + " accepted the key");
        Screenshots.save(app.workbench.root(), "settings");

        robot.clickOn("#settingsSave");
        waitUntil(15, () -> label(robot, "#statusBackend").equals("Remote · " + server.uri())
                && label(robot, "#statusHealth").equals("Healthy"));
        Path file = configDir.resolve(SettingsStore.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Settings saved = new SettingsStore(configDir).load();
        assertThat(saved.backend().mode()).isEqualTo(Settings.Mode.REMOTE);
        assertThat(saved.backend().apiKey()).isEqualTo(KEY);

        // The screens now use the remote API: ingest (text extracted here, sent as text), then search.
        app.dialogs.folder = Fixtures.copy("inbox", temp.resolve("remote-" + System.nanoTime()));
        shortcut(robot, Screen.INGEST);
        robot.clickOn("#addFolder");
        waitUntil(60, () -> !app.workbench.ingest().runningProperty().get()
                && app.workbench.ingest().items().stream().allMatch(i -> i.status().finished()));
        assertThat(app.workbench.ingest().items()).filteredOn(i -> i.status() == IngestItem.Status.NEW).hasSize(3);
        assertThat(serverBackend.knowledgeBase().stats().documents()).isEqualTo(3);

        shortcut(robot, Screen.SEARCH);
        robot.clickOn("#searchField").write("will the central bank cut its policy rate");
        ListView<SearchHit> results = robot.lookup("#searchResults").queryListView();
        waitUntil(20, () -> !results.getItems().isEmpty() && !app.workbench.search().searchingProperty().get());
        assertThat(results.getItems().getFirst().source()).endsWith("rates-outlook.txt");
        waitUntil(10, () -> label(robot, "#statusCounts").equals("3 documents · 3 passages"));
    }

    @Test
    void anUnreachableServerAndABadUrlGetAClearVerdictAndABadUrlIsNotSaved(FxRobot robot) {
        app.awaitHealthy();
        shortcut(robot, Screen.SETTINGS);
        robot.clickOn("#settingsModeRemote");
        robot.clickOn("#settingsApiUrl").write("http://127.0.0.1:9");
        robot.clickOn("#settingsTest");
        waitUntil(20, () -> app.workbench.settings().verdictStateProperty().get() == SettingsViewModel.VerdictState.FAILED);
        assertThat(label(robot, "#settingsVerdict"))
                .isEqualTo("Failed: Cannot reach the Alex API at http://127.0.0.1:9: nothing answers there. Check the URL and that the server is running.");

        robot.clickOn("#settingsApiUrl");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("ftp://example.com/alex");
        robot.clickOn("#settingsTest");
        waitUntil(10, () -> app.workbench.settings().verdictStateProperty().get() == SettingsViewModel.VerdictState.FAILED);
        assertThat(label(robot, "#settingsVerdict")).isEqualTo("The API URL must start with http:// or https://.");
        robot.clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(configDir.resolve(SettingsStore.FILE_NAME)).doesNotExist();
        assertThat(label(robot, "#statusBackend")).isEqualTo("Embedded · memory");
    }

    @Test
    void fasterIngestIsAnEmbeddedChoiceThatIsSaved(FxRobot robot) {
        app.awaitHealthy();
        shortcut(robot, Screen.SETTINGS);
        robot.clickOn("#settingsFastEmbedding");
        robot.clickOn("#settingsSave");
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(10, () -> Files.exists(configDir.resolve(SettingsStore.FILE_NAME)));

        assertThat(new SettingsStore(configDir).load().backend().fastEmbedding()).isTrue();
        robot.clickOn("#settingsModeRemote");
        assertThat(robot.lookup("#settingsFastEmbedding").queryAs(javafx.scene.control.CheckBox.class).isDisabled()).isTrue();
    }

    @Test
    void theDarkThemeAppliesAtOnce(FxRobot robot) {
        app.awaitHealthy();
        shortcut(robot, Screen.SETTINGS);
        robot.moveTo("#settingsProvider").scroll(30, javafx.geometry.VerticalDirection.DOWN);
        robot.clickOn("#settingsTheme").clickOn("Dark");
        waitUntil(5, () -> app.workbench.root().getStyleClass().contains("theme-dark"));
        Screenshots.save(app.workbench.root(), "settings-dark");
        robot.clickOn("#settingsTheme").clickOn("Light");
        waitUntil(5, () -> app.workbench.root().getStyleClass().contains("theme-light"));
    }

    private static void shortcut(FxRobot robot, Screen screen) {
        KeyCode digit = KeyCode.valueOf("DIGIT" + screen.shortcut());
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryLabeled().getText();
    }
}
