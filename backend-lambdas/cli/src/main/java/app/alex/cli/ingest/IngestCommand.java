package app.alex.cli.ingest;

import app.alex.core.text.Counts;
import app.alex.cli.Backends;
import app.alex.cli.CliErrors;
import app.alex.cli.Json;
import app.alex.cli.Printable;
import app.alex.core.document.DocumentType;
import app.alex.core.error.ErrorCode;
import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code alex ingest PATH...}: files and folders (recursively) into the knowledge base. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest files and folders (recursively): PDF, HTML, Markdown, DOCX and text.",
                "A file already stored with the same content is 'unchanged' and costs nothing; a changed file replaces its old version."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file stored (or unchanged)", "1:some files failed (see the summary)",
                "2:bad usage", "3:the knowledge base is in use by another process"})
public final class IngestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to ingest.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--type", defaultValue = "document", description = "document, research or note (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = {"--tag", "-t"}, paramLabel = "TAG", description = "Tag or ticker to add to every file (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--hidden", description = "Also ingest hidden files and folders (names starting with '.').")
    boolean hidden;

    @Option(names = "--json", description = "Print the results as JSON (for scripts).")
    boolean json;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var options = new IngestOptions(DocumentType.parse(type), tags, IngestOptions.DEFAULT_MAX_FILE_BYTES, hidden);
        boolean terminal = !json && !noProgress && System.console() != null && System.console().isTerminal();
        long start = System.nanoTime();
        var cancelled = new AtomicBoolean();
        var finished = new CountDownLatch(1);
        // Ctrl-C stops between files: what is stored stays stored, the summary still prints.
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        BatchSummary summary;
        try (var backend = Backends.open(spec)) {
            IngestListener listener = terminal ? new ProgressBar(err, System::nanoTime)
                    : json ? new QuietListener() : new PlainListener(out, err);
            IngestListener cancellable = new CancellableListener(listener, cancelled);
            summary = backend.knowledgeBase().files().ingestPaths(paths, options, cancellable);
            if (listener instanceof ProgressBar bar) {
                bar.finish();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (json) {
                Json.print(out, toJson(summary, seconds));
            } else {
                printSummary(out, summary, seconds);
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting (Ctrl-C): nothing to remove
            }
        }
        return summary.failures().isEmpty() ? 0 : CliErrors.FAILED;
    }

    private static Map<String, Object> toJson(BatchSummary summary, double seconds) {
        var body = new LinkedHashMap<String, Object>();
        body.put("created", summary.count(IngestStatus.CREATED));
        body.put("unchanged", summary.count(IngestStatus.UNCHANGED));
        body.put("replaced", summary.count(IngestStatus.REPLACED));
        body.put("skipped", summary.count(IngestStatus.SKIPPED));
        body.put("failed", summary.count(IngestStatus.FAILED));
        body.put("chunks", summary.chunks());
        body.put("seconds", Math.round(seconds * 100) / 100.0);
        body.put("cancelled", summary.cancelled());
        body.put("results", summary.results().stream().map(IngestCommand::toJson).toList());
        return body;
    }

    private static Map<String, Object> toJson(IngestResult r) {
        var item = new LinkedHashMap<String, Object>();
        item.put("source", r.source());
        item.put("status", r.status().wireName());
        item.put("document_id", r.documentId());
        item.put("title", r.title());
        item.put("chunk_count", r.chunkCount());
        item.put("embedded_chunks", r.embeddedChunks());
        if (r.error() != null) {
            item.put("error", Map.of("code", r.errorCode().wireName(), "message", r.error()));
        }
        return item;
    }

    /** ", 7 skipped (unsupported type)", or only the count when some were skipped for another reason (a link loop). */
    private static String skipped(BatchSummary summary) {
        long skipped = summary.count(IngestStatus.SKIPPED);
        boolean allUnsupported = summary.results().stream().filter(r -> r.status() == IngestStatus.SKIPPED)
                .allMatch(r -> r.errorCode() == ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        return skipped == 0 ? "" : ", " + skipped + " skipped" + (allUnsupported ? " (unsupported type)" : "");
    }

    private static void printSummary(PrintWriter out, BatchSummary summary, double seconds) {
        int embedded = summary.results().stream().mapToInt(IngestResult::embeddedChunks).sum();
        String rate = embedded == 0 ? "" : String.format(Locale.ROOT, " (%.1f chunks/s)", embedded / Math.max(seconds, 1e-9));
        out.printf(Locale.ROOT, "%s in %s: %d new, %d unchanged, %d replaced, %d failed%s; %s embedded%s%n",
                summary.cancelled() ? "Cancelled" : "Done", ProgressBar.formatDuration(java.time.Duration.ofMillis((long) (seconds * 1000))),
                summary.count(IngestStatus.CREATED), summary.count(IngestStatus.UNCHANGED),
                summary.count(IngestStatus.REPLACED), summary.count(IngestStatus.FAILED),
                skipped(summary),
                Counts.of(embedded, "chunk"), rate);
        if (!summary.failures().isEmpty()) {
            out.println("Failed:");
            for (IngestResult failure : summary.failures()) {
                out.println("  " + Printable.line(failure.source()) + ": " + Printable.line(failure.error()));
            }
        }
        out.flush();
    }

    /**
     * Without a terminal (scripts, logs): one line per file as soon as it is stored, so a reader
     * knows exactly what is safe even if the run is killed; failures on stderr.
     */
    private record PlainListener(PrintWriter out, PrintWriter err) implements IngestListener {
        @Override
        public void fileFinished(Path file, long bytes, IngestResult result) {
            switch (result.status()) {
                case FAILED -> {
                    err.println("failed: " + Printable.line(result.source()) + ": " + Printable.line(result.error()));
                    err.flush();
                }
                case SKIPPED -> {
                }
                default -> {
                    out.printf(Locale.ROOT, "%-9s %s (%s)%n", result.status().wireName(), Printable.line(result.source()),
                            Counts.of(result.chunkCount(), "chunk"));
                    out.flush();
                }
            }
        }
    }

    private record QuietListener() implements IngestListener {
    }

    private record CancellableListener(IngestListener delegate, AtomicBoolean stopRequested) implements IngestListener {
        @Override
        public void planned(int files, long bytes) {
            delegate.planned(files, bytes);
        }

        @Override
        public void fileStarted(Path file) {
            delegate.fileStarted(file);
        }

        @Override
        public void chunksEmbedded(int count) {
            delegate.chunksEmbedded(count);
        }

        @Override
        public void fileFinished(Path file, long bytes, IngestResult result) {
            delegate.fileFinished(file, bytes, result);
        }

        @Override
        public boolean cancelled() {
            return stopRequested.get() || delegate.cancelled();
        }
    }
}
