package app.alex.desktop.ingest;

import app.alex.core.text.Counts;
import app.alex.core.document.DocumentType;
import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.DocumentIds;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.Ingestor;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.TaskExecutor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ingest queue. Each action (files dropped, a folder chosen, text pasted) becomes a job; jobs
 * run one after another on a background thread, and every file gets a row that shows its
 * progress and what happened to it (new, unchanged, replaced, skipped, failed and why).
 */
public final class IngestViewModel {
    private final BackendConnection connection;
    private final TaskExecutor executor;
    private final Notifier notifier;

    /** Rows report their status changes to the list, so a filtered view of it follows them. */
    private final ObservableList<IngestItem> items = FXCollections.observableArrayList(
            item -> new javafx.beans.Observable[]{item.statusProperty()});
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals", "Nothing ingested yet.");
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");

    private final Deque<Job> queue = new ArrayDeque<>();
    private Job current;

    public IngestViewModel(BackendConnection connection, TaskExecutor executor, Notifier notifier) {
        this.connection = connection;
        this.executor = executor;
        this.notifier = notifier;
    }

    private FolderWatcher watcher;

    /**
     * Keeps these folders ingested: new and changed files are queued on their own, once the folder
     * has been quiet for a moment. Replaces any earlier watch; an empty list stops watching.
     */
    /** Whether watched folders are being watched now (they start once the backend session is open). */
    public synchronized boolean watching() {
        return watcher != null;
    }

    public synchronized void watch(List<app.alex.desktop.config.WatchedFolder> watched) {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        List<Path> folders = watched.stream().map(w -> Path.of(w.path())).toList();
        List<Path> existing = folders.stream().filter(Files::isDirectory).toList();
        if (existing.size() < folders.size()) {
            notifier.error("Not watched (not a folder): " + folders.stream().filter(f -> !Files.isDirectory(f))
                    .map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        }
        if (existing.isEmpty()) {
            return;
        }
        try {
            watcher = new FolderWatcher(existing, WATCH_QUIET_MILLIS, changed -> javafx.application.Platform.runLater(() -> {
                notifier.info("Watched folder changed: ingesting " + changed.size() + (changed.size() == 1 ? " file" : " files"));
                addWatchedPaths(changed, watched);
            }));
        } catch (java.io.IOException e) {
            notifier.error("Cannot watch " + existing + ": " + e.getMessage());
        }
    }

    /**
     * Changed files from watched folders, each with its folder's own tags and type (the innermost
     * watched folder that holds it), never the Ingest screen's Tags box.
     */
    void addWatchedPaths(List<Path> changed, List<app.alex.desktop.config.WatchedFolder> watched) {
        var byFolder = new java.util.LinkedHashMap<app.alex.desktop.config.WatchedFolder, List<Path>>();
        for (Path file : changed) {
            Path absolute = file.toAbsolutePath().normalize();
            watched.stream().filter(w -> absolute.startsWith(Path.of(w.path()).toAbsolutePath().normalize()))
                    .max(java.util.Comparator.comparingInt(w -> w.path().length()))
                    .ifPresent(w -> byFolder.computeIfAbsent(w, k -> new ArrayList<>()).add(file));
        }
        byFolder.forEach((folder, files) -> enqueuePaths(files, new IngestOptions(folder.type(), folder.tags(),
                IngestOptions.DEFAULT_MAX_FILE_BYTES, false)));
    }

    /** How long a watched folder must be quiet before its changes are ingested. */
    static final long WATCH_QUIET_MILLIS = 1500;

    /** Files and folders (dropped or chosen): one queued row each, folders expand as they are walked. */
    public void addPaths(List<Path> paths) {
        if (!paths.isEmpty()) {
            enqueuePaths(paths, options());
        }
    }

    private void enqueuePaths(List<Path> paths, IngestOptions options) {
        var rows = new ArrayList<IngestItem>();
        for (Path path : paths) {
            rows.add(IngestItem.forPath(path, Files.isDirectory(path)));
        }
        enqueue(new Job(rows, List.copyOf(paths), null, options));
    }

    /** Pasted text, stored as a note. */
    public void addText(String title, String text) {
        if (text == null || text.isBlank()) {
            notifier.error("The text is empty: paste something to ingest.");
            return;
        }
        var request = new TextIngestRequest(null, text, title == null || title.isBlank() ? null : title.strip(), null,
                DocumentType.NOTE, tagList(), null, "text/markdown", null);
        // The row shows the title the knowledge base will give it, derived in the one place that derives titles.
        var row = new IngestItem(IngestItem.Kind.TEXT, "pasted text", DocumentIds.titleFor(request));
        enqueue(new Job(List.of(row), List.of(), request, options()));
    }

    /** Stops the running job between files and drops the queued ones; what is stored stays stored. */
    public void cancel() {
        for (Job job : queue) {
            job.rows.forEach(r -> r.finish(IngestItem.Status.CANCELLED, "cancelled"));
        }
        queue.clear();
        if (current != null) {
            current.cancelled.set(true);
        }
        updateTotals();
    }

    /** Removes finished rows from the table. */
    public void clearFinished() {
        items.removeIf(item -> item.status().finished());
        updateTotals();
    }

    private void enqueue(Job job) {
        items.addAll(job.rows);
        queue.add(job);
        updateTotals();
        startNext();
    }

    private void startNext() {
        if (current != null || queue.isEmpty()) {
            running.set(current != null);
            return;
        }
        Job job = queue.poll();
        current = job;
        running.set(true);
        progress.set(-1);
        Ingestor ingestor;
        try {
            ingestor = connection.current().ingestor();
        } catch (RuntimeException e) {
            failJob(job, Errors.message(e));
            return;
        }
        job.rows.forEach(r -> {
            r.statusProperty().set(IngestItem.Status.INGESTING);
            r.progressProperty().set(-1);
        });
        Task<BatchSummary> task = new Task<>() {
            @Override
            protected BatchSummary call() {
                if (job.text != null) {
                    IngestResult result = ingestor.ingestText(job.text);
                    return new BatchSummary(List.of(result), false);
                }
                return ingestor.ingestPaths(job.paths, job.options, new Listener(job));
            }
        };
        task.setOnSucceeded(e -> finishJob(job, task.getValue()));
        task.setOnFailed(e -> failJob(job, Errors.message(task.getException())));
        task.setOnCancelled(e -> cancelJob(job));
        executor.execute(task);
    }

    private void finishJob(Job job, BatchSummary summary) {
        if (job.text != null && !summary.results().isEmpty()) {
            job.rows.getFirst().apply(summary.results().getFirst(), false);
        }
        boolean cancelled = summary.cancelled() || job.cancelled.get();
        for (IngestItem row : job.rows) {
            if (row.kind() == IngestItem.Kind.FOLDER) {
                row.finish(cancelled ? IngestItem.Status.CANCELLED : IngestItem.Status.DONE, folderSummary(job, row));
            }
        }
        for (IngestItem row : job.all.values()) {
            if (!row.status().finished()) {
                row.finish(IngestItem.Status.CANCELLED, "cancelled");
            }
        }
        endJob();
        connection.changed();
        long failed = summary.count(app.alex.core.ingest.IngestStatus.FAILED);
        String verdict = (cancelled ? "Ingest cancelled: " : "Ingest finished: ") + describe(summary);
        if (failed > 0 && !cancelled) { // the file a Cancel interrupted is the user's choice, not a problem
            notifier.error(verdict);
        } else {
            notifier.info(verdict);
        }
    }

    private void cancelJob(Job job) {
        for (IngestItem row : job.all.values()) {
            if (!row.status().finished()) {
                row.finish(IngestItem.Status.CANCELLED, "cancelled");
            }
        }
        for (IngestItem row : job.rows) {
            if (!row.status().finished()) {
                row.finish(IngestItem.Status.CANCELLED, "cancelled");
            }
        }
        if (current == job) {
            endJob();
        } else {
            updateTotals();
        }
        connection.changed();
        notifier.info("Ingest cancelled.");
    }

    private void failJob(Job job, String message) {
        for (IngestItem row : job.rows) {
            if (!row.status().finished()) {
                row.finish(IngestItem.Status.FAILED, message);
            }
        }
        for (IngestItem row : job.all.values()) {
            if (!row.status().finished()) {
                row.finish(IngestItem.Status.FAILED, message);
            }
        }
        if (current == job) {
            endJob();
        } else {
            updateTotals();
        }
        notifier.error("Ingest failed: " + message);
    }

    private void endJob() {
        current = null;
        progress.set(queue.isEmpty() ? 1 : -1);
        updateTotals();
        startNext();
    }

    private String folderSummary(Job job, IngestItem folder) {
        var counts = new EnumMap<IngestItem.Status, Integer>(IngestItem.Status.class);
        for (IngestItem row : job.all.values()) {
            if (row != folder && row.kind() == IngestItem.Kind.FILE && row.source().startsWith(folder.source())) {
                counts.merge(row.status(), 1, Integer::sum);
            }
        }
        int files = counts.values().stream().mapToInt(Integer::intValue).sum();
        return files + (files == 1 ? " file" : " files") + (counts.isEmpty() ? "" : ": " + describe(counts));
    }

    private static String describe(BatchSummary summary) {
        var counts = new EnumMap<IngestItem.Status, Integer>(IngestItem.Status.class);
        counts.put(IngestItem.Status.NEW, (int) summary.count(app.alex.core.ingest.IngestStatus.CREATED));
        counts.put(IngestItem.Status.UNCHANGED, (int) summary.count(app.alex.core.ingest.IngestStatus.UNCHANGED));
        counts.put(IngestItem.Status.REPLACED, (int) summary.count(app.alex.core.ingest.IngestStatus.REPLACED));
        counts.put(IngestItem.Status.FAILED, (int) summary.count(app.alex.core.ingest.IngestStatus.FAILED));
        counts.put(IngestItem.Status.SKIPPED, (int) summary.count(app.alex.core.ingest.IngestStatus.SKIPPED));
        return describe(counts);
    }

    private static String describe(Map<IngestItem.Status, Integer> counts) {
        var parts = new ArrayList<String>();
        for (var status : List.of(IngestItem.Status.NEW, IngestItem.Status.UNCHANGED, IngestItem.Status.REPLACED,
                IngestItem.Status.FAILED, IngestItem.Status.SKIPPED, IngestItem.Status.CANCELLED)) {
            int n = counts.getOrDefault(status, 0);
            if (n > 0 || status == IngestItem.Status.NEW || status == IngestItem.Status.FAILED) {
                parts.add(n + " " + status.label());
            }
        }
        return String.join(", ", parts);
    }

    private void updateTotals() {
        var counts = new EnumMap<IngestItem.Status, Integer>(IngestItem.Status.class);
        int chunks = 0;
        int pending = 0;
        for (IngestItem item : items) {
            if (item.kind() == IngestItem.Kind.FOLDER) {
                continue;
            }
            if (item.status().finished()) {
                counts.merge(item.status(), 1, Integer::sum);
                chunks += item.embeddedChunks();
            } else {
                pending++;
            }
        }
        if (items.isEmpty()) {
            totals.set("Nothing ingested yet.");
            return;
        }
        totals.set(describe(counts) + " · " + Counts.of(chunks, "chunk") + " embedded"
                + (pending > 0 ? " · " + pending + " in progress" : ""));
    }

    private IngestOptions options() {
        return new IngestOptions(DocumentType.DOCUMENT, tagList(), IngestOptions.DEFAULT_MAX_FILE_BYTES, false);
    }

    private List<String> tagList() {
        return app.alex.core.search.Tags.parse(tags.get());
    }

    /** Receives progress on the ingest thread and applies it on the FX thread. */
    /** Nanos of the last status-bar count refresh during a batch (FX thread). */
    private long countsRefreshedAt;

    /** The status bar's counts follow a long batch (at most twice a second), not only its end. */
    private void refreshCountsWhileIngesting(IngestResult result) {
        boolean stored = switch (result.status()) {
            case CREATED, REPLACED -> true;
            default -> false;
        };
        long now = System.nanoTime();
        if (stored && now - countsRefreshedAt >= 500_000_000L) {
            countsRefreshedAt = now;
            connection.refreshStats();
        }
    }

    private final class Listener implements IngestListener {
        private final Job job;

        Listener(Job job) {
            this.job = job;
        }

        @Override
        public void planned(int files, long bytes) {
            Platform.runLater(() -> {
                job.planned = files;
                progress.set(files == 0 ? 1 : 0);
            });
        }

        @Override
        public void fileStarted(Path file) {
            Platform.runLater(() -> {
                IngestItem row = job.row(file);
                row.statusProperty().set(IngestItem.Status.INGESTING);
                row.progressProperty().set(-1);
                row.messageProperty().set("reading and embedding…");
                job.active = row;
                updateTotals();
            });
        }

        @Override
        public void chunksEmbedded(int count) {
            // A file's passage count is not known before it is chunked: the row counts up as they are embedded.
            Platform.runLater(() -> {
                if (job.active != null && job.active.status() == IngestItem.Status.INGESTING) {
                    job.active.chunksProperty().set(job.active.chunksProperty().get() + count);
                }
            });
        }

        @Override
        public void fileFinished(Path file, long bytes, IngestResult result) {
            Platform.runLater(() -> {
                IngestItem row = job.row(file);
                row.apply(result, job.cancelled.get());
                refreshCountsWhileIngesting(result);
                if (result.status() != app.alex.core.ingest.IngestStatus.SKIPPED) {
                    job.done++;
                }
                if (job.planned > 0) {
                    double value = Math.min(1, (double) job.done / job.planned);
                    progress.set(value);
                    job.rows.stream().filter(r -> r.kind() == IngestItem.Kind.FOLDER && file.toAbsolutePath()
                            .normalize().toString().startsWith(r.source())).forEach(r -> r.progressProperty().set(value));
                }
                updateTotals();
            });
        }

        @Override
        public boolean cancelled() {
            return job.cancelled.get();
        }
    }

    /** One action's worth of work and its rows. FX-thread state except {@code cancelled}. */
    private final class Job {
        final List<IngestItem> rows;
        final List<Path> paths;
        final TextIngestRequest text;
        final IngestOptions options;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final Map<String, IngestItem> all = new HashMap<>();
        int planned;
        int done;
        IngestItem active;

        Job(List<IngestItem> rows, List<Path> paths, TextIngestRequest text, IngestOptions options) {
            this.rows = List.copyOf(rows);
            this.paths = paths;
            this.text = text;
            this.options = options;
            rows.forEach(r -> all.put(r.source(), r));
        }

        /** The row for a file: the queued row when the file itself was added, else a new row under its folder. */
        IngestItem row(Path file) {
            String key = file.toAbsolutePath().normalize().toString();
            IngestItem row = all.get(key);
            if (row == null) {
                row = IngestItem.forPath(file, false);
                int at = items.indexOf(lastRow()) + 1;
                items.add(at <= 0 ? items.size() : at, row);
                all.put(key, row);
                last = row;
            }
            return row;
        }

        private IngestItem last;

        private IngestItem lastRow() {
            return last != null && items.contains(last) ? last : rows.getLast();
        }
    }

    public ObservableList<IngestItem> items() {
        return items;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Progress of the running job: 0..1, or -1 while it is being planned. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** Comma-separated tags or tickers added to what is ingested next. */
    public StringProperty tagsProperty() {
        return tags;
    }
}
