package app.alex.desktop;

import app.alex.core.error.AlexException;
import app.alex.desktop.backend.BackendConnection;
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

/** The Alex Workbench desktop application. */
public class AlexWorkbench extends Application {
    private VirtualThreadTaskExecutor executor;
    private BackendConnection connection;

    @Override
    public void start(Stage stage) {
        executor = new VirtualThreadTaskExecutor();
        SettingsStore store = SettingsStore.atDefaultLocation();
        Settings settings;
        String problem = null;
        try {
            settings = store.load();
        } catch (AlexException e) {
            settings = Settings.defaults();
            problem = e.getMessage();
        }
        Themes.apply(settings.theme(), null); // before any node exists: our stylesheet looks up the theme's colours
        connection = new BackendConnection(new DefaultBackendFactory(ResearcherFactory.DEFAULT), executor);
        var workbench = new Workbench(new Workbench.Services(connection, executor, store, FileDialogs.system(store.file().resolveSibling("last-export-folder")),
                app.alex.desktop.ui.SystemOpener.forThisSystem(uri -> getHostServices().showDocument(uri))::open));
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
        stage.show();
        workbench.restore(remembered);
        workbench.start(settings);
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
        StartupLogging.quiet();
        launch(args);
    }
}
