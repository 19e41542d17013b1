package app.alex.desktop.library;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.search.SearchFilter;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import javafx.animation.PauseTransition;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.util.Arrays;
import java.util.Set;

/**
 * The documents in the knowledge base, a page at a time from the backend's cursor listing, with
 * filters and order applied by the backend. The selected document's passages load on demand.
 */
public final class LibraryViewModel {
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final BackendConnection connection;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final int pageSize;

    private final ObservableList<DocumentRecord> documents = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<DocumentQuery.Sort> sort = new SimpleObjectProperty<>(this, "sort", DocumentQuery.Sort.NEWEST_INGESTED);
    private final ObjectProperty<DocumentType> type = new SimpleObjectProperty<>(this, "type");
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ObjectProperty<DocumentRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<ChunkRecord> chunks = FXCollections.observableArrayList();
    private final IntegerProperty focusChunk = new SimpleIntegerProperty(this, "focusChunk", -1);

    private final PauseTransition debounce = new PauseTransition(Duration.millis(250));
    private String nextCursor;
    private long sequence;
    /** A filter or the backend changed since the last first page: a selection it does not hold is hidden. */
    private boolean narrowed;

    public LibraryViewModel(BackendConnection connection, TaskExecutor executor, Notifier notifier, int pageSize) {
        this.connection = connection;
        this.executor = executor;
        this.notifier = notifier;
        this.pageSize = pageSize;
        debounce.setOnFinished(e -> reload());
        ChangeListener<Object> refilter = (obs, was, now) -> {
            narrowed = true;
            debounce.playFromStart();
        };
        // Another backend (Remote instead of embedded): what was selected belongs to the old one.
        connection.sessionProperty().addListener((obs, was, now) -> narrowed = true);
        sort.addListener((obs, was, now) -> debounce.playFromStart()); // a new order hides nothing
        type.addListener(refilter);
        tags.addListener(refilter);
        source.addListener(refilter);
        selected.addListener((obs, was, now) -> {
            if (was == null || now == null || !was.id().equals(now.id())) {
                loadChunks(now);
            }
        });
        connection.revisionProperty().addListener((obs, was, now) -> {
            if (connection.sessionProperty().get() != null) {
                reload();
            }
        });
    }

    /** The first page again (after a filter, a sort, or a change to the knowledge base). */
    public void reload() {
        debounce.stop();
        BackendSession session = connection.sessionProperty().get();
        if (session == null) {
            return;
        }
        long mine = ++sequence;
        boolean hides = narrowed;
        narrowed = false;
        DocumentQuery query;
        try {
            query = new DocumentQuery(filter(), null, pageSize, sort.get());
        } catch (RuntimeException e) {
            status.set(Errors.message(e));
            return;
        }
        loading.set(true);
        executor.execute(Tasks.of(() -> session.knowledgeBase().documents(query), page -> {
            if (mine != sequence) {
                return;
            }
            DocumentRecord keep = selected.get();
            documents.setAll(page.documents());
            if (keep != null) {
                var still = documents.stream().filter(d -> d.id().equals(keep.id())).findFirst();
                if (still.isPresent()) {
                    selected.set(still.get());
                } else if (hides || page.nextCursor() == null) {
                    selected.set(null); // filtered out, on another backend, or gone: no stale detail pane
                }
            }
            accept(page);
        }, failure -> failed(mine, failure)));
    }

    /** The next page, appended (the table asks when it is scrolled to the bottom). */
    public void loadMore() {
        BackendSession session = connection.sessionProperty().get();
        if (session == null || loading.get() || nextCursor == null) {
            return;
        }
        long mine = sequence;
        var query = new DocumentQuery(filter(), nextCursor, pageSize, sort.get());
        loading.set(true);
        executor.execute(Tasks.of(() -> session.knowledgeBase().documents(query), page -> {
            if (mine != sequence) {
                return;
            }
            documents.addAll(page.documents());
            accept(page);
        }, failure -> failed(mine, failure)));
    }

    private void accept(DocumentPage page) {
        nextCursor = page.nextCursor();
        hasMore.set(nextCursor != null);
        loading.set(false);
        int n = documents.size();
        status.set(n == 0 ? "No documents" + (filter().isEmpty() ? " yet: ingest some on the Ingest screen." : " match these filters.")
                : n + (n == 1 ? " document" : " documents") + (nextCursor != null ? " loaded; scroll for more" : ""));
    }

    private void failed(long mine, Throwable failure) {
        if (mine != sequence) {
            return;
        }
        loading.set(false);
        status.set(Errors.message(failure));
    }

    /** Deletes a document (the view asks for confirmation first). */
    public void delete(DocumentRecord document) {
        BackendSession session;
        try {
            session = connection.current();
        } catch (RuntimeException e) {
            notifier.error(e);
            return;
        }
        executor.execute(Tasks.run(() -> session.knowledgeBase().delete(document.id()), () -> {
            documents.removeIf(d -> d.id().equals(document.id()));
            if (selected.get() != null && selected.get().id().equals(document.id())) {
                selected.set(null);
            }
            notifier.info("Deleted “" + document.title() + "”.");
            connection.changed();
        }, notifier::error));
    }

    /** Selects a document and marks one of its passages (a citation or a search hit was followed). */
    public void openPassage(String documentId, int chunkIndex) {
        focusChunk.set(chunkIndex);
        var loaded = documents.stream().filter(d -> d.id().equals(documentId)).findFirst();
        if (loaded.isPresent()) {
            if (loaded.get().equals(selected.get())) {
                loadChunks(loaded.get());
            } else {
                selected.set(loaded.get());
            }
            return;
        }
        BackendSession session;
        try {
            session = connection.current();
        } catch (RuntimeException e) {
            notifier.error(e);
            return;
        }
        executor.execute(Tasks.of(() -> session.knowledgeBase().document(documentId), document -> {
            documents.addFirst(document);
            selected.set(document);
        }, notifier::error));
    }

    private void loadChunks(DocumentRecord document) {
        chunks.clear();
        if (document == null) {
            focusChunk.set(-1);
            return;
        }
        BackendSession session = connection.sessionProperty().get();
        if (session == null) {
            return;
        }
        executor.execute(Tasks.of(() -> session.knowledgeBase().chunks(document.id()), list -> {
            if (selected.get() != null && selected.get().id().equals(document.id())) {
                chunks.setAll(list);
            }
        }, notifier::error));
    }

    SearchFilter filter() {
        Set<DocumentType> types = type.get() == null ? Set.of() : Set.of(type.get());
        Set<String> tagSet = Set.copyOf(Arrays.stream((tags.get() == null ? "" : tags.get()).split("[,;\\s]+"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        return new SearchFilter(types, tagSet, source.get(), null, null);
    }

    /** Clears the passage mark when the analyst picks another document by hand. */
    public void select(DocumentRecord document) {
        if (document != null && (selected.get() == null || !selected.get().id().equals(document.id()))) {
            focusChunk.set(-1);
        }
        selected.set(document);
    }

    public ObservableList<DocumentRecord> documents() {
        return documents;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObjectProperty<DocumentQuery.Sort> sortProperty() {
        return sort;
    }

    public ObjectProperty<DocumentType> typeProperty() {
        return type;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public ObjectProperty<DocumentRecord> selectedProperty() {
        return selected;
    }

    public ObservableList<ChunkRecord> chunks() {
        return chunks;
    }

    public IntegerProperty focusChunkProperty() {
        return focusChunk;
    }
}
