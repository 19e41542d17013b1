package app.alex.desktop.shell;

import app.alex.core.index.IndexStats;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.config.Settings;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;

/** What the status bar says: backend and health, counts, the schedule, the last message. */
public final class StatusBarModel {
    private final StringBinding backend;
    private final StringBinding health;
    private final StringBinding counts;
    private final StringBinding schedule;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public StatusBarModel(BackendConnection connection) {
        backend = Bindings.createStringBinding(() -> {
            BackendSession session = connection.sessionProperty().get();
            Settings.Mode mode = session != null ? session.mode() : connection.settings().backend().mode();
            String label = mode == Settings.Mode.REMOTE ? "Remote" : "Embedded";
            return session == null ? label : label + " · " + session.location();
        }, connection.sessionProperty(), connection.settingsProperty());
        health = Bindings.createStringBinding(() -> switch (connection.healthProperty().get()) {
            case OK -> "Healthy";
            case CONNECTING -> "Connecting…";
            case DISCONNECTED -> "Not connected";
            case FAILED -> "Problem: " + connection.healthMessageProperty().get();
        }, connection.healthProperty(), connection.healthMessageProperty());
        counts = Bindings.createStringBinding(() -> {
            IndexStats stats = connection.statsProperty().get();
            return stats == null ? "" : String.format(Locale.ROOT, "%,d documents · %,d passages", stats.documents(), stats.chunks());
        }, connection.statsProperty());
        schedule = Bindings.createStringBinding(() -> {
            Settings.Schedule s = connection.settings().schedule();
            return s.enabled()
                    ? "Scheduled research every " + s.intervalHours() + " h: the scheduler is not running in this build yet"
                    : "Scheduled research: off";
        }, connection.settingsProperty());
    }

    public StringBinding backend() {
        return backend;
    }

    public StringBinding health() {
        return health;
    }

    public StringBinding counts() {
        return counts;
    }

    public StringBinding schedule() {
        return schedule;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    void setMessage(String text) {
        message.set(text);
    }
}
