package app.alex.desktop.backend;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.TextExtractor;
import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.SupportedFormats;
import app.alex.core.ingest.TextIngestRequest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remote mode: files are read and extracted on this machine and only their text goes to the API
 * (the API takes text, not files). Walks folders like the embedded ingest does: hidden entries
 * and unsupported formats are skipped.
 */
public final class RemoteIngestor implements Ingestor {
    private final KnowledgeBase knowledgeBase;
    private final TextExtractor extractor;

    public RemoteIngestor(KnowledgeBase knowledgeBase, TextExtractor extractor) {
        this.knowledgeBase = knowledgeBase;
        this.extractor = extractor;
    }

    @Override
    public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
        var results = new ArrayList<IngestResult>();
        Map<Path, Long> files = plan(paths, options, results);
        listener.planned(files.size(), files.values().stream().mapToLong(Long::longValue).sum());
        for (IngestResult problem : results) {
            listener.fileFinished(Path.of(problem.source()), 0, problem);
        }
        boolean cancelled = false;
        for (var entry : files.entrySet()) {
            if (listener.cancelled() || Thread.currentThread().isInterrupted()) {
                cancelled = true;
                break;
            }
            listener.fileStarted(entry.getKey());
            IngestResult result = ingestFile(entry.getKey(), entry.getValue(), options);
            results.add(result);
            listener.fileFinished(entry.getKey(), entry.getValue(), result);
        }
        return new BatchSummary(results, cancelled);
    }

    @Override
    public IngestResult ingestText(TextIngestRequest request) {
        return knowledgeBase.ingest(request);
    }

    private IngestResult ingestFile(Path file, long size, IngestOptions options) {
        String source = file.toString();
        if (size > options.maxFileBytes()) {
            return IngestResult.failed(source, ErrorCode.PAYLOAD_TOO_LARGE, "file is too large");
        }
        try {
            ExtractedDocument extracted = extractor.extract(file);
            if (extracted.text().isBlank()) {
                return IngestResult.failed(source, ErrorCode.UNPROCESSABLE_DOCUMENT,
                        "no text found (empty file, or a scanned document without a text layer)");
            }
            String title = extracted.title().isBlank() ? file.getFileName().toString() : extracted.title();
            var date = extracted.date().orElseGet(() -> modified(file));
            return knowledgeBase.ingest(new TextIngestRequest(null, extracted.text(), title, source, options.type(),
                    options.tags(), date, extracted.mediaType(), null));
        } catch (AlexException e) {
            return IngestResult.failed(source, e.code(), e.getMessage());
        }
    }

    private static java.time.Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<Path, Long> plan(List<Path> paths, IngestOptions options, List<IngestResult> problems) {
        var files = new LinkedHashMap<Path, Long>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                problems.add(IngestResult.failed(absolute.toString(), ErrorCode.NOT_FOUND, "no such file or folder"));
            } else if (Files.isDirectory(absolute)) {
                walk(absolute, options, files, problems);
            } else {
                files.putIfAbsent(absolute, size(absolute));
            }
        }
        return files;
    }

    private static void walk(Path root, IngestOptions options, Map<Path, Long> files, List<IngestResult> problems) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir, options) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(file, options)) {
                        if (SupportedFormats.isSupported(file)) {
                            files.putIfAbsent(file.toAbsolutePath().normalize(), attrs.size());
                        } else {
                            problems.add(IngestResult.skipped(file.toString(), "unsupported file type"));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(IngestResult.failed(file.toString(), ErrorCode.UNPROCESSABLE_DOCUMENT, "cannot be read"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(IngestResult.failed(root.toString(), ErrorCode.UNPROCESSABLE_DOCUMENT, "the folder cannot be read"));
        }
    }

    private static boolean hidden(Path path, IngestOptions options) {
        Path name = path.getFileName();
        return !options.includeHidden() && name != null && name.toString().startsWith(".");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
