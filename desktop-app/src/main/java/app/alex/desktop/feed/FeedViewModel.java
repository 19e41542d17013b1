package app.alex.desktop.feed;

import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.Researcher;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The research feed: reports newest first, filtered by topic or ticker, unread ones marked.
 * Opening a report marks it read.
 */
public final class FeedViewModel {
    static final int PAGE_SIZE = 50;

    private final BackendConnection connection;
    private final TaskExecutor executor;

    private final ObservableList<ResearchReport> reports = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty unreadOnly = new SimpleBooleanProperty(this, "unreadOnly");
    private final ObjectProperty<ResearchReport> opened = new SimpleObjectProperty<>(this, "opened");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyLongWrapper unread = new ReadOnlyLongWrapper(this, "unread");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final PauseTransition debounce = new PauseTransition(Duration.millis(250));
    private String nextCursor;
    private long sequence;
    /** A filter or the backend changed since the last first page: an open report it does not hold is closed. */
    private boolean narrowed;

    public FeedViewModel(BackendConnection connection, TaskExecutor executor) {
        this.connection = connection;
        this.executor = executor;
        debounce.setOnFinished(e -> refresh());
        filter.addListener((obs, was, now) -> {
            narrowed = true;
            debounce.playFromStart();
        });
        unreadOnly.addListener((obs, was, now) -> {
            narrowed = true;
            refresh();
        });
        // Another backend (Remote instead of embedded): the report shown belongs to the old one.
        connection.sessionProperty().addListener((obs, was, now) -> {
            narrowed = true;
            if (now == null) {
                opened.set(null);
                reports.clear();
            }
        });
        connection.revisionProperty().addListener((obs, was, now) -> {
            if (connection.sessionProperty().get() != null) {
                refresh();
            }
        });
    }

    public void refresh() {
        debounce.stop();
        load(null);
    }

    public void loadMore() {
        if (nextCursor != null) {
            load(nextCursor);
        }
    }

    private void load(String cursor) {
        BackendSession session = connection.sessionProperty().get();
        if (session == null) {
            return;
        }
        long mine = cursor == null ? ++sequence : sequence;
        boolean hides = cursor == null && narrowed;
        if (cursor == null) {
            narrowed = false;
        }
        String text = filter.get() == null || filter.get().isBlank() ? null : filter.get().strip();
        var query = new FeedQuery(text, unreadOnly.get(), cursor, PAGE_SIZE);
        Researcher researcher = session.researcher();
        executor.execute(Tasks.of(() -> researcher.feed(query), page -> {
            if (mine == sequence) {
                accept(page, cursor == null, hides);
            }
        }, failure -> {
            if (mine == sequence) {
                reports.clear();
                hasMore.set(false);
                status.set(Errors.message(failure));
            }
        }));
    }

    private void accept(FeedPage page, boolean first, boolean hides) {
        if (first) {
            String keep = opened.get() == null ? null : opened.get().id();
            reports.setAll(page.reports());
            if (keep != null) {
                var still = reports.stream().filter(r -> r.id().equals(keep)).findFirst();
                if (still.isPresent()) {
                    opened.set(still.get());
                } else if (hides || page.nextCursor() == null) {
                    opened.set(null); // filtered out, on another backend, or deleted: no stale report
                }
            }
        } else {
            reports.addAll(page.reports());
        }
        nextCursor = page.nextCursor();
        hasMore.set(nextCursor != null);
        unread.set(page.unread());
        status.set(reports.isEmpty()
                ? (filter.get().isBlank() && !unreadOnly.get()
                ? "No research yet. Run one on the Research screen; scheduled research lands here too."
                : "No reports match.")
                : reports.size() + (reports.size() == 1 ? " report" : " reports") + " · " + page.unread() + " unread");
    }

    /** Shows a report and marks it read. */
    public void open(ResearchReport report) {
        opened.set(report);
        if (report == null || report.read()) {
            return;
        }
        BackendSession session = connection.sessionProperty().get();
        if (session == null) {
            return;
        }
        executor.execute(Tasks.run(() -> session.researcher().markRead(report.id(), true), () -> {
            ResearchReport read = asRead(report);
            int at = indexOf(report.id());
            if (at >= 0) {
                reports.set(at, read);
            }
            if (opened.get() != null && opened.get().id().equals(report.id())) {
                opened.set(read);
            }
            unread.set(Math.max(0, unread.get() - 1));
            status.set(reports.size() + (reports.size() == 1 ? " report" : " reports") + " · " + unread.get() + " unread");
        }, failure -> status.set(Errors.message(failure))));
    }

    private int indexOf(String id) {
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    static ResearchReport asRead(ResearchReport r) {
        return new ResearchReport(r.id(), r.topic(), r.title(), r.markdown(), r.citations(), r.createdAt(), r.model(),
                r.extractive(), r.trigger(), r.tickers(), true);
    }

    public ObservableList<ResearchReport> reports() {
        return reports;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty unreadOnlyProperty() {
        return unreadOnly;
    }

    public ObjectProperty<ResearchReport> openedProperty() {
        return opened;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** Unread reports in the whole feed (whatever the filter), for the navigation. */
    public javafx.beans.property.ReadOnlyLongProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
