package app.alex.desktop.search;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.Highlights;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Search as you type: any change to the query or a filter restarts a 250 ms pause, then one
 * search runs in the background; answers to older searches are dropped. Selecting a result
 * loads the passages around it for the detail pane.
 */
public final class SearchViewModel {
    public static final Duration DEBOUNCE = Duration.millis(250);
    static final int TOP_K = 20;
    static final int CONTEXT_PASSAGES = 2;

    private final BackendConnection connection;
    private final TaskExecutor executor;

    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObjectProperty<SearchMode> mode = new SimpleObjectProperty<>(this, "mode", SearchMode.HYBRID);
    private final ObjectProperty<DocumentType> type = new SimpleObjectProperty<>(this, "type");
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ObjectProperty<LocalDate> since = new SimpleObjectProperty<>(this, "since");
    private final ObjectProperty<LocalDate> until = new SimpleObjectProperty<>(this, "until");

    private final ObservableList<SearchHit> results = FXCollections.observableArrayList();
    private final ObjectProperty<SearchHit> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Type to search your documents.");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(this, "searching");
    private final ObservableList<ChunkRecord> context = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");

    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private Task<SearchResponse> running;
    private long sequence;
    private Set<String> terms = Set.of();

    private final ObservableList<MapView.MapPoint> mapPoints = FXCollections.observableArrayList();
    private final javafx.beans.property.BooleanProperty showMap = new javafx.beans.property.SimpleBooleanProperty(this, "showMap");
    private final java.util.function.Supplier<app.alex.core.embed.Embedder> mapEmbedder;
    private long mapSequence;

    public SearchViewModel(BackendConnection connection, TaskExecutor executor) {
        this(connection, executor, app.alex.embedded.EmbeddedBackend::sharedEmbedder);
    }

    /**
     * @param mapEmbedder embeds the query and the results for the map: the bundled MiniLM, on this
     *                    machine whatever the backend (a remote search returns no vectors)
     */
    public SearchViewModel(BackendConnection connection, TaskExecutor executor,
                           java.util.function.Supplier<app.alex.core.embed.Embedder> mapEmbedder) {
        this.connection = connection;
        this.executor = executor;
        this.mapEmbedder = mapEmbedder;
        results.addListener((javafx.collections.ListChangeListener<SearchHit>) c -> updateMap());
        showMap.addListener((obs, was, now) -> updateMap());
        debounce.setOnFinished(e -> searchNow());
        ChangeListener<Object> restart = (obs, was, now) -> debounce.playFromStart();
        query.addListener(restart);
        mode.addListener(restart);
        type.addListener(restart);
        tags.addListener(restart);
        source.addListener(restart);
        since.addListener(restart);
        until.addListener(restart);
        selected.addListener((obs, was, now) -> loadDetail(now));
        connection.revisionProperty().addListener((obs, was, now) -> {
            if (!query.get().isBlank() && connection.sessionProperty().get() != null) {
                debounce.playFromStart();
            }
        });
    }

    /** Runs the search now (Enter, or the pause after typing ended). */
    public void searchNow() {
        debounce.stop();
        long mine = ++sequence;
        if (running != null) {
            running.cancel();
            running = null;
        }
        String text = query.get() == null ? "" : query.get().strip();
        if (text.isEmpty()) {
            results.clear();
            selected.set(null);
            searching.set(false);
            status.set("Type to search your documents.");
            return;
        }
        SearchRequest request;
        try {
            request = new SearchRequest(text, TOP_K, filter(), mode.get());
        } catch (RuntimeException e) {
            status.set(Errors.message(e));
            return;
        }
        app.alex.desktop.backend.BackendSession session;
        try {
            session = connection.current();
        } catch (RuntimeException e) {
            status.set(Errors.message(e));
            return;
        }
        searching.set(true);
        Set<String> queryTerms = Highlights.terms(text);
        running = executor.execute(Tasks.of(() -> session.knowledgeBase().search(request), response -> {
            if (mine != sequence) {
                return;
            }
            running = null;
            searching.set(false);
            terms = queryTerms;
            SearchHit previous = selected.get();
            results.setAll(response.results());
            if (previous != null && !results.contains(previous)) {
                selected.set(null);
            }
            int n = response.results().size();
            status.set(n == 0 ? "No results. Try other words, or fewer filters."
                    : n + (n == 1 ? " result" : " results") + " in " + response.tookMillis() + " ms ("
                    + response.mode().wireName() + ")");
        }, failure -> {
            if (mine != sequence) {
                return;
            }
            running = null;
            searching.set(false);
            results.clear();
            status.set(Errors.message(failure));
        }));
    }

    SearchFilter filter() {
        Set<DocumentType> types = type.get() == null ? Set.of() : Set.of(type.get());
        Set<String> tagSet = Set.copyOf(Arrays.stream((tags.get() == null ? "" : tags.get()).split("[,;\\s]+"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        ZoneId zone = ZoneId.systemDefault();
        return new SearchFilter(types, tagSet, source.get(),
                since.get() == null ? null : since.get().atStartOfDay(zone).toInstant(),
                until.get() == null ? null : until.get().plusDays(1).atStartOfDay(zone).toInstant());
    }

    public void clearFilters() {
        type.set(null);
        tags.set("");
        source.set("");
        since.set(null);
        until.set(null);
    }

    private void loadDetail(SearchHit hit) {
        context.clear();
        if (hit == null) {
            detailTitle.set("");
            return;
        }
        detailTitle.set(hit.title());
        var session = connection.sessionProperty().get();
        if (session == null) {
            return;
        }
        executor.execute(Tasks.of(() -> session.knowledgeBase().chunks(hit.documentId()), chunks -> {
            if (hit.equals(selected.get())) {
                context.setAll(around(chunks, hit.chunkIndex()));
            }
        }, failure -> {
            if (hit.equals(selected.get())) {
                detailTitle.set(hit.title() + " — " + Errors.message(failure));
            }
        }));
    }

    static List<ChunkRecord> around(List<ChunkRecord> chunks, int index) {
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).index() == index) {
                at = i;
                break;
            }
        }
        return List.copyOf(chunks.subList(Math.max(0, at - CONTEXT_PASSAGES), Math.min(chunks.size(), at + CONTEXT_PASSAGES + 1)));
    }

    /** The score bar's fill for a hit of the current results, 0..1; see {@link #barFill}. */
    public double relativeScore(SearchHit hit) {
        return barFill(hit, results.isEmpty() ? 0 : results.getFirst().score());
    }

    /**
     * The hit's relevance (its meaning's closeness to the query), so a weak best match shows a short
     * bar; keyword results, which compare no meaning, relative to the best score of their list.
     */
    static double barFill(SearchHit hit, double bestScore) {
        if (hit.relevance() != null) {
            return hit.relevance() / 100.0;
        }
        return bestScore <= 0 ? 0 : Math.max(0, Math.min(1, hit.score() / bestScore));
    }

    public static String sourceLine(SearchHit hit) {
        String where = hit.source() == null || hit.source().isBlank() ? "" : hit.source();
        String page = hit.page() > 0 ? "page " + hit.page() : "";
        String type = hit.type() == null ? "" : hit.type().wireName();
        String section = hit.section() == null || hit.section().isEmpty() ? "" : "§ " + hit.section();
        String alsoIn = hit.alsoIn().isEmpty() ? "" : "also in " + String.join(", ", hit.alsoIn());
        return String.join(" · ", java.util.stream.Stream.of(type, where, page, section, alsoIn).filter(s -> !s.isEmpty()).toList());
    }

    /** "62%" (relevance); keyword results show their BM25 score, as they compare no meaning. */
    public static String score(SearchHit hit) {
        return hit.relevance() != null ? hit.relevance() + "%" : String.format(Locale.ROOT, "BM25 %.2f", hit.score());
    }

    public Set<String> terms() {
        return terms;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObjectProperty<SearchMode> modeProperty() {
        return mode;
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

    public ObjectProperty<LocalDate> sinceProperty() {
        return since;
    }

    public ObjectProperty<LocalDate> untilProperty() {
        return until;
    }

    /** Projects the query and the results to 2D when the map is shown (off the FX thread). */
    private void updateMap() {
        long mine = ++mapSequence;
        List<SearchHit> hits = List.copyOf(results);
        String text = query.get() == null ? "" : query.get().strip();
        if (!showMap.get() || hits.isEmpty() || text.isEmpty()) {
            mapPoints.clear();
            return;
        }
        executor.execute(Tasks.of(() -> {
            var texts = new java.util.ArrayList<String>();
            texts.add(text);
            hits.forEach(h -> texts.add(h.text()));
            var points = ResultMap.project(mapEmbedder.get().embed(texts));
            double best = hits.stream().mapToDouble(SearchHit::score).max().orElse(1);
            double worst = hits.stream().mapToDouble(SearchHit::score).min().orElse(0);
            var out = new java.util.ArrayList<MapView.MapPoint>();
            out.add(new MapView.MapPoint(null, points.getFirst().x(), points.getFirst().y(), 1));
            for (int i = 0; i < hits.size(); i++) {
                double relative = best - worst < 1e-9 ? 1 : (hits.get(i).score() - worst) / (best - worst);
                out.add(new MapView.MapPoint(hits.get(i), points.get(i + 1).x(), points.get(i + 1).y(), relative));
            }
            return out;
        }, points -> {
            if (mine == mapSequence) {
                mapPoints.setAll(points);
            }
        }, failure -> status.set("The map could not be drawn: " + Errors.message(failure))));
    }

    public ObservableList<MapView.MapPoint> mapPoints() {
        return mapPoints;
    }

    public javafx.beans.property.BooleanProperty showMapProperty() {
        return showMap;
    }

    public ObservableList<SearchHit> results() {
        return results;
    }

    public ObjectProperty<SearchHit> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    public ObservableList<ChunkRecord> context() {
        return context;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }
}
