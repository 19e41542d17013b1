package app.alex.desktop.ingest;

import app.alex.core.text.Counts;
import app.alex.core.error.AlexException;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.EdgarAccess;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import app.alex.edgar.Edgar;
import app.alex.edgar.company.CompanyRef;
import app.alex.edgar.company.Filing;
import app.alex.edgar.company.Submissions;
import app.alex.edgar.filings.FilingResult;
import app.alex.edgar.filings.ImportListener;
import app.alex.edgar.filings.ImportReport;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * "Add company filings": a company's SEC filings of the chosen forms, filed in a date range,
 * imported one after the other off the FX thread through {@link app.alex.edgar.filings.FilingImporter}
 * into the connected knowledge base. Each filing's row says imported, skipped (already there) or
 * failed with the reason; Cancel stops between filings. Without an EDGAR User-Agent in Settings
 * nothing is sent.
 */
public final class FilingsViewModel {
    public enum State { IDLE, RUNNING, DONE, FAILED, NEEDS_USER_AGENT }

    private final BackendConnection connection;
    private final EdgarAccess edgar;
    private final TaskExecutor executor;
    private final Notifier notifier;

    private final StringProperty company = new SimpleStringProperty(this, "company", "");
    private final BooleanProperty tenK = new SimpleBooleanProperty(this, "tenK", true);
    private final BooleanProperty tenQ = new SimpleBooleanProperty(this, "tenQ", true);
    private final BooleanProperty eightK = new SimpleBooleanProperty(this, "eightK", false);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from", LocalDate.now().minusYears(1));
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to", LocalDate.now());
    private final ObservableList<FilingRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final BooleanBinding running = Bindings.createBooleanBinding(() -> state.get() == State.RUNNING, state);
    private volatile boolean cancelRequested;

    public FilingsViewModel(BackendConnection connection, EdgarAccess edgar, TaskExecutor executor, Notifier notifier) {
        this.connection = connection;
        this.edgar = edgar;
        this.executor = executor;
        this.notifier = notifier;
    }

    /** Looks the company up, lists its filings in the range and imports them. */
    public void start() {
        if (running.get()) {
            return;
        }
        if (!edgar.configured()) {
            state.set(State.NEEDS_USER_AGENT);
            message.set(EdgarAccess.MISSING_USER_AGENT);
            return;
        }
        String who = company.get() == null ? "" : company.get().strip();
        List<String> forms = forms();
        LocalDate since = from.get();
        LocalDate until = to.get();
        String problem = who.isEmpty() ? "Type a ticker (AAPL) or a CIK (320193)."
                : forms.isEmpty() ? "Choose at least one form."
                : since == null ? "Choose the first filing day."
                : until != null && until.isBefore(since) ? "The last day (" + until + ") is before the first (" + since + ")."
                : null;
        if (problem != null) {
            fail(problem);
            return;
        }
        BackendSession session;
        try {
            session = connection.current();
        } catch (AlexException e) {
            fail(e.getMessage());
            return;
        }
        rows.clear();
        cancelRequested = false;
        progress.set(-1);
        state.set(State.RUNNING);
        message.set("Looking up " + who + " on SEC EDGAR…");
        executor.execute(Tasks.of(() -> {
            Edgar e = edgar.edgar();
            CompanyRef ref = e.company(who);
            Submissions submissions = e.submissions(ref.cik(), since);
            List<Filing> filings = submissions.select(forms, since, until);
            String name = submissions.name().isBlank() ? ref.title() : submissions.name();
            var listed = new ArrayList<FilingRow>();
            for (Filing f : filings) {
                var period = f.fiscalPeriod(submissions.calendar());
                listed.add(new FilingRow(f, period == null ? "" : period.label()));
            }
            Platform.runLater(() -> {
                rows.setAll(listed);
                progress.set(listed.isEmpty() ? 1 : 0);
                message.set(name + ": " + Counts.of(listed.size(), "filing") + " to import…");
            });
            if (filings.isEmpty()) {
                return new ImportReport(name, List.of(), false);
            }
            return e.importer(session.knowledgeBase()).importFilings(submissions, ref.ticker(), filings, new ImportListener() {
                @Override
                public void started(Filing filing, int index, int total) {
                    Platform.runLater(() -> rows.get(index - 1).importing());
                }

                @Override
                public void finished(FilingResult result, int index, int total) {
                    Platform.runLater(() -> {
                        rows.get(index - 1).finished(result);
                        progress.set((double) index / total);
                    });
                }

                @Override
                public boolean cancelled() {
                    return cancelRequested;
                }
            });
        }, report -> finished(report, forms, since, until), failure -> fail(Errors.message(failure))));
    }

    private void finished(ImportReport report, List<String> forms, LocalDate since, LocalDate until) {
        progress.set(1);
        if (report.results().isEmpty() && !report.cancelled()) {
            state.set(State.DONE);
            message.set("No " + String.join(", ", forms) + " filings of " + report.company() + " filed from " + since
                    + (until == null ? "" : " to " + until) + ".");
            return;
        }
        rows.stream().filter(r -> r.status() == FilingRow.Status.QUEUED).forEach(FilingRow::notRun);
        String summary = report.company() + ": " + report.summary() + ".";
        state.set(report.count(FilingResult.Status.FAILED) > 0 ? State.FAILED : State.DONE);
        message.set(summary);
        if (report.count(FilingResult.Status.IMPORTED) > 0) {
            connection.changed();
        }
        notifier.info(summary);
    }

    private void fail(String text) {
        progress.set(0);
        state.set(State.FAILED);
        message.set(text);
    }

    /** Stops before the next filing; the one being read is finished and kept. */
    public void cancel() {
        if (running.get()) {
            cancelRequested = true;
            message.set("Stopping after this filing…");
        }
    }

    /** The dialog opens fresh: the last answer's message goes, the company and range stay. */
    public void reset() {
        if (!running.get()) {
            state.set(State.IDLE);
            message.set("");
        }
    }

    public List<String> forms() {
        var forms = new ArrayList<String>();
        if (tenK.get()) {
            forms.add("10-K");
        }
        if (tenQ.get()) {
            forms.add("10-Q");
        }
        if (eightK.get()) {
            forms.add("8-K");
        }
        return forms;
    }

    public StringProperty companyProperty() {
        return company;
    }

    public BooleanProperty tenKProperty() {
        return tenK;
    }

    public BooleanProperty tenQProperty() {
        return tenQ;
    }

    public BooleanProperty eightKProperty() {
        return eightK;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObservableList<FilingRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public BooleanBinding runningProperty() {
        return running;
    }
}
