package app.alex.desktop.testing;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendFactory;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.SettingsStore;
import app.alex.desktop.shell.Themes;
import app.alex.desktop.shell.Workbench;
import app.alex.desktop.ui.VirtualThreadTaskExecutor;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** The real workbench in a test window (sized for the 1000x1000 headless screen), over a backend the test chooses. */
public final class TestWorkbench implements AutoCloseable {
    public static final double WIDTH = 980;
    public static final double HEIGHT = 720;

    public final VirtualThreadTaskExecutor executor = new VirtualThreadTaskExecutor();
    public final FakeFileDialogs dialogs = new FakeFileDialogs();
    public final List<String> opened = new CopyOnWriteArrayList<>();
    public final BackendConnection connection;
    public final SettingsStore store;
    public final Workbench workbench;

    private TestWorkbench(Stage stage, BackendFactory factory, Path configDir, Settings initial,
                          java.util.function.Function<app.alex.edgar.EdgarConfig, app.alex.edgar.Edgar> edgar) {
        Themes.apply(initial.theme(), null);
        connection = new BackendConnection(factory, executor);
        store = new SettingsStore(configDir);
        workbench = new Workbench(new Workbench.Services(connection, executor, store, dialogs, uri -> {
            opened.add(uri);
            return new app.alex.desktop.ui.SystemOpener.Outcome.Opened();
        }, edgar, environment(configDir)));
        var scene = new Scene(workbench.root(), WIDTH, HEIGHT);
        workbench.install(scene);
        stage.setScene(scene);
        stage.sizeToScene(); // the primary stage is reused across test classes
        stage.setX(0);
        stage.setY(0);
        stage.show();
        stage.toFront();
        workbench.start(initial);
    }

    /**
     * The environment a test workbench starts with: settings in {@code configDir} and a default data
     * folder beside it, so no test reads or writes the developer's real folders.
     */
    public static DesktopEnvironment environment(Path configDir) {
        return new DesktopEnvironment(java.util.Map.of(DesktopEnvironment.CONFIG_DIR_ENV, configDir.toString(),
                app.alex.embedded.DataFolders.DATA_DIR_ENV, configDir.resolveSibling(configDir.getFileName() + "-default-data").toString()));
    }

    /** Call from a TestFX {@code @Start} method (on the FX thread). */
    public static TestWorkbench show(Stage stage, BackendFactory factory, Path configDir, Settings initial) {
        return new TestWorkbench(stage, factory, configDir, initial, app.alex.edgar.Edgar::open);
    }

    /** With SEC EDGAR opened by {@code edgar} (a loopback server's, in tests). */
    public static TestWorkbench show(Stage stage, BackendFactory factory, Path configDir, Settings initial,
                                     java.util.function.Function<app.alex.edgar.EdgarConfig, app.alex.edgar.Edgar> edgar) {
        return new TestWorkbench(stage, factory, configDir, initial, edgar);
    }

    public void awaitHealthy() {
        waitUntil(20, () -> connection.healthProperty().get() == BackendConnection.Health.OK);
    }

    /** Polls a condition on the FX thread until it holds. */
    public static void waitUntil(int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                var result = WaitForAsyncUtils.asyncFx(condition::getAsBoolean);
                return result.get(seconds, TimeUnit.SECONDS);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() {
        executor.close();
    }
}
