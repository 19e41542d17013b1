package app.alex.desktop.backend;

import app.alex.desktop.ui.StartupTrace;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.IndexStats;
import app.alex.desktop.config.Settings;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

import java.util.Objects;

/**
 * The workbench's current backend session and what is known about its health. Every
 * view-model reads the session from here when it starts work, so switching from embedded to
 * remote in Settings takes effect everywhere at once. Properties change on the FX thread only.
 */
public final class BackendConnection implements AutoCloseable {

    public enum Health { DISCONNECTED, CONNECTING, OK, FAILED }

    private final BackendFactory factory;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<BackendSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ReadOnlyObjectWrapper<Settings> settings = new ReadOnlyObjectWrapper<>(this, "settings", Settings.defaults());
    private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(this, "health", Health.DISCONNECTED);
    private final ReadOnlyStringWrapper healthMessage = new ReadOnlyStringWrapper(this, "healthMessage", "Not connected");
    private final ReadOnlyObjectWrapper<IndexStats> stats = new ReadOnlyObjectWrapper<>(this, "stats");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");

    /** The session whose warm-up has been started. */
    private BackendSession warmedUp;

    public BackendConnection(BackendFactory factory, TaskExecutor executor) {
        this.factory = Objects.requireNonNull(factory);
        this.executor = Objects.requireNonNull(executor);
    }

    /**
     * Closes the current session and opens one for {@code newSettings} off the FX thread. The old
     * session is closed first: reopening the same embedded folder must not find it still locked.
     */
    public Task<BackendSession> connect(Settings newSettings) {
        BackendSession old = session.get();
        session.set(null);
        settings.set(newSettings);
        health.set(Health.CONNECTING);
        healthMessage.set("Connecting…");
        Task<BackendSession> task = new Task<>() {
            @Override
            protected BackendSession call() {
                if (old != null) {
                    old.close();
                }
                return factory.open(newSettings);
            }
        };
        task.setOnSucceeded(e -> {
            session.set(task.getValue());
            revision.set(revision.get() + 1);
            refreshStats();
        });
        task.setOnFailed(e -> {
            health.set(Health.FAILED);
            healthMessage.set(Errors.message(task.getException()));
        });
        return executor.execute(task);
    }

    /**
     * Takes saved settings that need no new session (the EDGAR User-Agent, the theme): what
     * {@link #settings()} answers from now on, without closing or reopening the backend.
     */
    public void remember(Settings saved) {
        settings.set(Objects.requireNonNull(saved));
    }

    /** The session to work with, or a clear error while there is none. */
    public BackendSession current() {
        BackendSession current = session.get();
        if (current == null) {
            throw new AlexException(ErrorCode.UNAVAILABLE, health.get() == Health.FAILED
                    ? "Not connected to a backend: " + healthMessage.get()
                    : "Still connecting to the backend; try again in a moment.");
        }
        return current;
    }

    /** Asks the backend for its counts; the answer also tells whether it is healthy. */
    public void refreshStats() {
        BackendSession current = session.get();
        if (current == null) {
            return;
        }
        executor.execute(Tasks.of(() -> current.knowledgeBase().stats(), value -> {
            if (session.get() == current) {
                StartupTrace.mark("stats answered: Healthy");
                if (warmedUp != current) {
                    warmedUp = current;
                    warmUp(current);
                }
                stats.set(value);
                health.set(Health.OK);
                healthMessage.set("OK");
            }
        }, failure -> {
            if (session.get() == current) {
                stats.set(null);
                health.set(Health.FAILED);
                healthMessage.set(Errors.message(failure));
            }
        }));
    }

    /**
     * Once a session has answered (Healthy: the analyst can work), loads the embedding model in the
     * background, so that the first search does not wait for it. Not before: Healthy must not wait on it.
     */
    private void warmUp(BackendSession current) {
        executor.execute(Tasks.run(() -> {
            StartupTrace.mark("warming up");
            current.warmUp();
            StartupTrace.mark("warmed up: the model is loaded");
        }, () -> { }, failure -> System.getLogger(BackendConnection.class.getName())
                .log(System.Logger.Level.DEBUG, "warming up the backend", failure)));
    }

    /** Call after the knowledge base changed (ingest, delete, a new report): views reload, counts refresh. */
    public void changed() {
        revision.set(revision.get() + 1);
        refreshStats();
    }

    public ReadOnlyObjectProperty<BackendSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Settings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public Settings settings() {
        return settings.get();
    }

    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty healthMessageProperty() {
        return healthMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IndexStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** Increases whenever the session or the knowledge base changed. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    @Override
    public void close() {
        BackendSession current = session.get();
        session.set(null);
        if (current != null) {
            current.close();
        }
    }
}
