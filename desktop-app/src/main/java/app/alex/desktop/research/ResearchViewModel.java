package app.alex.desktop.research;

import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.TaskExecutor;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.function.Consumer;

/**
 * Runs one research at a time in the background. Steps arrive while it runs and are shown as
 * they come; Cancel interrupts the research thread; the finished report is shown and lands in
 * the feed.
 */
public final class ResearchViewModel {
    private final BackendConnection connection;
    private final TaskExecutor executor;
    private final Notifier notifier;

    private final StringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final ObservableList<ResearchStep> steps = FXCollections.observableArrayList();
    private final ObjectProperty<ResearchReport> report = new SimpleObjectProperty<>(this, "report");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Type a topic or a question, then Run. Steps appear here as the researcher works.");
    private Task<ResearchReport> task;

    public ResearchViewModel(BackendConnection connection, TaskExecutor executor, Notifier notifier) {
        this.connection = connection;
        this.executor = executor;
        this.notifier = notifier;
    }

    /** Researches the typed topic. */
    public void run() {
        String text = topic.get() == null ? "" : topic.get().strip();
        if (text.isEmpty()) {
            status.set("Type a topic first, e.g. “NVDA data-center revenue outlook”.");
            return;
        }
        start("Researching “" + text + "”…", (researcher, sink) -> researcher.research(text, sink));
    }

    /**
     * Runs the schedule's job now: the researcher picks the next watchlist topic. The topic field is
     * cleared (it is not what runs) and shows the picked topic once the report is done.
     */
    public void runAuto() {
        if (running.get()) {
            return;
        }
        topic.set("");
        start("Running the schedule now: the researcher picks the next topic from the watchlist…",
                Researcher::researchAuto);
    }

    private void start(String message, Job job) {
        if (running.get()) {
            return;
        }
        Researcher researcher;
        try {
            researcher = connection.current().researcher();
        } catch (RuntimeException e) {
            status.set(Errors.message(e));
            notifier.error(e);
            return;
        }
        steps.clear();
        report.set(null);
        running.set(true);
        status.set(message);
        Consumer<ResearchStep> sink = step -> Platform.runLater(() -> {
            if (running.get()) {
                steps.add(step);
            }
        });
        Task<ResearchReport> research = new Task<>() {
            @Override
            protected ResearchReport call() {
                return job.run(researcher, sink);
            }
        };
        research.setOnSucceeded(e -> {
            running.set(false);
            ResearchReport done = research.getValue();
            report.set(done);
            markReadHere(researcher, done);
            if (done.trigger() == ResearchReport.Trigger.SCHEDULED) {
                topic.set(done.topic());
                status.set("Done (schedule run now, topic “" + done.topic() + "”): “" + done.title()
                        + "” is saved in the feed.");
            } else {
                status.set("Done: “" + done.title() + "” is saved in the feed.");
            }
        });
        research.setOnFailed(e -> {
            running.set(false);
            String why = Errors.message(research.getException());
            steps.add(new ResearchStep(ResearchStep.Kind.FAILED, why));
            status.set("Research failed: " + why);
            notifier.error(why);
        });
        research.setOnCancelled(e -> {
            running.set(false);
            steps.add(new ResearchStep(ResearchStep.Kind.FAILED, "Cancelled."));
            status.set("Cancelled. Nothing was saved.");
        });
        task = research;
        executor.execute(research);
    }

    /** The analyst is reading the report on this screen: the Feed need not call it unread. */
    private void markReadHere(Researcher researcher, ResearchReport done) {
        executor.execute(app.alex.desktop.ui.Tasks.run(() -> researcher.markRead(done.id(), true), connection::changed,
                failure -> {
                    connection.changed();
                    notifier.error("The report is saved, but it could not be marked read: " + Errors.message(failure));
                }));
    }

    /** Stops the running research (its thread is interrupted). */
    public void cancel() {
        if (task != null && running.get()) {
            task.cancel(true);
        }
    }

    @FunctionalInterface
    private interface Job {
        ResearchReport run(Researcher researcher, Consumer<ResearchStep> steps);
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public ObservableList<ResearchStep> steps() {
        return steps;
    }

    public ObjectProperty<ResearchReport> reportProperty() {
        return report;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
