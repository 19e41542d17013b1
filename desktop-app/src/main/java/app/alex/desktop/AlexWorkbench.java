package app.alex.desktop;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.desktop.ui.StartupTrace;
import app.alex.core.error.AlexException;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendFactory;
import app.alex.desktop.backend.EarlyBackendFactory;
import app.alex.desktop.backend.DefaultBackendFactory;
import app.alex.desktop.backend.ResearcherFactory;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.SettingsStore;
import app.alex.desktop.shell.Themes;
import app.alex.desktop.shell.Workbench;
import app.alex.desktop.ui.FileDialogs;
import app.alex.desktop.ui.VirtualThreadTaskExecutor;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.concurrent.CompletableFuture;

/** The Alex Workbench desktop application. */
public class AlexWorkbench extends Application {
    private VirtualThreadTaskExecutor executor;
    private BackendConnection connection;

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("Application.start");
        executor = new VirtualThreadTaskExecutor();
        Prepared prepared = prepared();
        SettingsStore store = prepared.store();
        Settings settings = prepared.settings();
        String problem = prepared.problem();
        StartupTrace.mark("settings loaded");
        Themes.apply(settings.theme(), null); // before any node exists: our stylesheet looks up the theme's colours
        StartupTrace.mark("theme applied");
        connection = new BackendConnection(prepared.factory(), executor);
        var workbench = new Workbench(new Workbench.Services(connection, executor, store, FileDialogs.system(store.file().resolveSibling("last-export-folder")),
                app.alex.desktop.ui.SystemOpener.forThisSystem(uri -> getHostServices().showDocument(uri))::open, environment()));
        StartupTrace.mark("workbench built");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        var windowStore = new app.alex.desktop.config.WindowStateStore(store.file().getParent());
        var remembered = windowStore.load();
        var scene = new Scene(workbench.root(), Math.min(1280, screen.getWidth() * 0.9), Math.min(820, screen.getHeight() * 0.9));
        workbench.install(scene);
        stage.setTitle("Alex Workbench");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        if (remembered.hasBounds() && !Screen.getScreensForRectangle(remembered.x(), remembered.y(),
                remembered.width(), remembered.height()).isEmpty()) {
            stage.setX(remembered.x());
            stage.setY(remembered.y());
            stage.setWidth(remembered.width());
            stage.setHeight(remembered.height());
        }
        stage.setMaximized(remembered.maximized());
        stage.setOnHiding(e -> windowStore.save(workbench.windowState(stage)));
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                StartupTrace.mark("first pulse laid out");
                scene.removePostLayoutPulseListener(this);
            }
        });
        StartupTrace.mark("stage.show");
        stage.show();
        StartupTrace.mark("stage shown");
        workbench.restore(remembered);
        if (getParameters().getRaw().contains(AotTraining.FLAG)) {
            AotTraining.begin(connection, workbench);
        }
        workbench.start(settings);
        StartupTrace.mark("connecting");
        if (problem != null) {
            workbench.notifier().error(problem);
        }
    }

    @Override
    public void stop() {
        if (connection != null) {
            connection.close();
        }
        if (executor != null) {
            executor.close();
        }
    }

    public static void main(String[] args) {
        var environment = DesktopEnvironment.system();
        StartupLogging.quiet(environment);
        prepare(environment);
        launch(args);
    }

    /** The settings, and the backend factory that is already opening their backend. */
    private record Prepared(SettingsStore store, Settings settings, String problem, BackendFactory factory) {
    }

    private static volatile CompletableFuture<Prepared> early;
    /** Read once by {@code main}; what a launch without it reads when it starts. */
    private static volatile DesktopEnvironment environment;

    /**
     * Call from {@code main}, before {@link #launch}: loads the settings and starts opening the backend
     * (Lucene, the researcher) on other threads while the JavaFX toolkit starts, so that the backend is
     * ready about when the window is. Without it {@link #start} does the same, only later.
     */
    static void prepare(DesktopEnvironment variables) {
        environment = variables;
        var future = new CompletableFuture<Prepared>();
        early = future;
        Thread.ofPlatform().daemon().name("alex-early-start").start(() -> {
            try {
                future.complete(prepareNow());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
    }

    private static Prepared prepareNow() {
        DesktopEnvironment variables = environment();
        SettingsStore store = SettingsStore.in(variables);
        Settings settings;
        String problem = null;
        try {
            settings = store.load();
        } catch (AlexException e) {
            settings = Settings.defaults();
            problem = e.getMessage();
        }
        return new Prepared(store, settings, problem,
                EarlyBackendFactory.begin(new DefaultBackendFactory(ResearcherFactory.standard(variables), variables), settings));
    }

    private static DesktopEnvironment environment() {
        DesktopEnvironment read = environment;
        if (read == null) {
            read = DesktopEnvironment.system();
            environment = read;
        }
        return read;
    }

    private static Prepared prepared() {
        CompletableFuture<Prepared> begun = early;
        early = null;
        if (begun != null) {
            try {
                return begun.join();
            } catch (RuntimeException e) {
                // prepared again below, where a problem shows as it always did
            }
        }
        return prepareNow();
    }
}
