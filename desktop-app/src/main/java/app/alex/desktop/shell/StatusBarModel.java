package app.alex.desktop.shell;

import app.alex.core.index.IndexStats;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.ScheduledResearcher;
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
            BackendSession session = connection.sessionProperty().get();
            if (session != null && session.researcher() instanceof ScheduledResearcher scheduled) {
                return scheduled.schedule().map(StatusBarModel::describe).orElse("Scheduled research: off");
            }
            return connection.settings().schedule().enabled() && session != null ? "Scheduled research: by the researcher service"
                    : "Scheduled research: off";
        }, connection.sessionProperty(), connection.settingsProperty(), connection.statsProperty());
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).withZone(java.time.ZoneId.systemDefault());

    static String describe(app.alex.research.schedule.ResearchScheduler.State state) {
        String next = "Next research " + (state.nextRun() == null ? "soon" : TIME.format(state.nextRun()));
        return state.lastFailed() ? next + " · last run failed: " + state.lastOutcome() : next;
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
