package app.alex.core.ingest;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.ExtractionException;
import app.alex.core.extract.TextExtractor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Files into a knowledge base, the same way whichever backend stores them: walk folders, plan,
 * extract on this machine, and hand each file to a {@link Sink} as a {@link TextIngestRequest}
 * carrying its page spans. The embedded backend's sink chunks and embeds in-process; the remote
 * one sends the request over HTTP, so the server stores the same passages with the same pages.
 *
 * <p>One failing file never stops a batch: each result says what went wrong.
 */
public final class FileIngestPipeline {
    /** Text longer than this (about 10,000 pages) is refused rather than exhausting memory. */
    public static final int MAX_TEXT_CHARS = IngestService.MAX_TEXT_CHARS;

    /** Where each file's text goes. Throws {@link AlexException} for a refusal; the pipeline reports it. */
    @FunctionalInterface
    public interface Sink {
        IngestResult store(TextIngestRequest request, IngestListener listener);
    }

    private final TextExtractor extractor;
    private final Sink sink;

    public FileIngestPipeline(TextExtractor extractor, Sink sink) {
        this.extractor = Objects.requireNonNull(extractor);
        this.sink = Objects.requireNonNull(sink);
    }

    /**
     * Ingests files and folders (recursively, following links; a link back into a folder already
     * walked is skipped, not a failure). Folder walks skip hidden entries and files in formats
     * Alex does not read.
     */
    public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
        var problems = new ArrayList<Problem>();
        Map<Path, Long> files = plan(paths, options, problems);
        listener.planned(files.size(), files.values().stream().mapToLong(Long::longValue).sum());
        var results = new ArrayList<IngestResult>();
        for (Problem problem : problems) {
            results.add(problem.result());
            listener.fileFinished(problem.path(), 0, problem.result());
        }
        boolean cancelled = false;
        boolean diskFull = false;
        for (var entry : files.entrySet()) {
            if (diskFull) {
                // Nothing more can be stored: say so for each file instead of extracting and embedding it.
                IngestResult notStored = IngestResult.failed(sourceOf(entry.getKey()), ErrorCode.INSUFFICIENT_STORAGE,
                        "not stored: the disk is full");
                results.add(notStored);
                listener.fileFinished(entry.getKey(), entry.getValue(), notStored);
                continue;
            }
            if (listener.cancelled() || Thread.currentThread().isInterrupted()) {
                cancelled = true;
                break;
            }
            listener.fileStarted(entry.getKey());
            IngestResult result = ingestFile(entry.getKey(), options, listener);
            results.add(result);
            listener.fileFinished(entry.getKey(), entry.getValue(), result);
            diskFull = result.errorCode() == ErrorCode.INSUFFICIENT_STORAGE;
        }
        return new BatchSummary(results, cancelled);
    }

    /** Ingests one file; never throws for a bad file, the result says what went wrong. */
    public IngestResult ingestFile(Path file, IngestOptions options, IngestListener listener) {
        Path absolute = file.toAbsolutePath().normalize();
        String source = sourceOf(absolute);
        try {
            return sink.store(read(absolute, source, options), listener);
        } catch (ExtractionException e) {
            return IngestResult.failed(source, e.code(), e.getMessage());
        } catch (NoSuchFileException e) {
            return IngestResult.failed(source, ErrorCode.NOT_FOUND, "file not found");
        } catch (AccessDeniedException e) {
            return IngestResult.failed(source, ErrorCode.FORBIDDEN, "permission denied: the file cannot be read");
        } catch (IOException e) {
            return IngestResult.failed(source, ErrorCode.UNPROCESSABLE_DOCUMENT, "could not read the file: "
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
        } catch (OutOfMemoryError e) {
            return IngestResult.failed(source, ErrorCode.PAYLOAD_TOO_LARGE, "the file is too large to process in memory");
        } catch (AlexException e) {
            return IngestResult.failed(source, e.code(), e.getMessage());
        }
    }

    /** Reads and extracts one file into the request every backend stores; throws for a file that cannot be. */
    private TextIngestRequest read(Path file, String source, IngestOptions options)
            throws IOException, ExtractionException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT, "this is a folder, not a file");
        }
        boolean stream = !attributes.isRegularFile();
        if (stream && !isPipedStream(file)) {
            // Opening a named pipe blocks until something writes to it; a device (a terminal, /dev/zero) may never end.
            throw new ExtractionException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "not a regular file (a named pipe, "
                    + "socket or device): Alex reads files, or a stream piped to /dev/stdin (cat FILE | alex ingest /dev/stdin)");
        }
        if (!stream && attributes.size() > options.maxFileBytes()) {
            throw tooLarge(attributes.size(), options);
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        // A stream can be read only once: read it whole (within the size limit), then extract from memory.
        ExtractedDocument extracted = stream ? extractor.extract(readOnce(file, options), name) : extractor.extract(file);
        if (extracted.text().isBlank()) {
            throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                    "no text found (empty file, or a scanned document without a text layer)");
        }
        if (extracted.text().length() > MAX_TEXT_CHARS) {
            throw new ExtractionException(ErrorCode.PAYLOAD_TOO_LARGE, "the file holds more than "
                    + MAX_TEXT_CHARS + " characters of text");
        }
        if (stream) {
            // A stream has no lasting name: the same content piped twice is one document, other content another.
            return new TextIngestRequest(DocumentIds.fromContent(DocumentIds.contentHash(extracted.text())),
                    extracted.text(), extracted.title().isBlank() ? null : FieldLimits.clipTitle(extracted.title()), source, options.type(),
                    options.tags(), extracted.date().orElse(null), extracted.mediaType(), Map.of(), extracted.pages(),
                    extracted.sections());
        }
        Instant date = extracted.date().orElseGet(() -> attributes.lastModifiedTime().toInstant());
        String title = FieldLimits.clipTitle(extracted.title().isBlank() ? name : extracted.title());
        return new TextIngestRequest(DocumentIds.fromSource(source), extracted.text(), title, source, options.type(),
                options.tags(), date, extracted.mediaType(), Map.of(), extracted.pages(), extracted.sections());
    }

    /**
     * The document's source, which is also its identity: the path as text, or, when the file name
     * holds bytes that are not text in this system's encoding (two such names would print the same),
     * its {@code file:} URI, which keeps every byte.
     */
    static String sourceOf(Path absolute) {
        String text = absolute.toString();
        try {
            if (absolute.getFileSystem().getPath(text).equals(absolute)) {
                return text;
            }
        } catch (java.nio.file.InvalidPathException notText) {
            // the text form is no path at all: the URI is the exact name
        }
        return absolute.toUri().toString();
    }

    /** File type bits of a Unix mode, and the type of a pipe. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    /**
     * Standard input or a descriptor a shell hands over ({@code <(cmd)}) when it is a pipe: read once,
     * never reopened. A named pipe elsewhere in the file system, a terminal or a device is not.
     */
    private static boolean isPipedStream(Path file) {
        String path = file.toString();
        if (!path.startsWith("/dev/") && !path.startsWith("/proc/")) {
            return false;
        }
        try {
            return ((Integer) Files.getAttribute(file, "unix:mode") & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return false; // no Unix file modes here: nothing is piped to a /dev path
        }
    }

    private static byte[] readOnce(Path file, IngestOptions options) throws IOException, ExtractionException {
        try (InputStream in = Files.newInputStream(file)) {
            long limit = Math.min(options.maxFileBytes(), Integer.MAX_VALUE - 16);
            byte[] content = in.readNBytes((int) limit + 1);
            if (content.length > limit) {
                throw tooLarge(content.length, options);
            }
            return content;
        }
    }

    private static ExtractionException tooLarge(long size, IngestOptions options) {
        return new ExtractionException(ErrorCode.PAYLOAD_TOO_LARGE, "file is too large ("
                + (size > options.maxFileBytes() ? humanBytes(size) : "more than " + humanBytes(options.maxFileBytes()))
                + "; the limit is " + humanBytes(options.maxFileBytes()) + ")");
    }

    /** What the walk found wrong with a path, before any file is read. */
    private record Problem(Path path, IngestResult result) {
    }

    private Map<Path, Long> plan(List<Path> paths, IngestOptions options, List<Problem> problems) {
        var files = new LinkedHashMap<Path, Long>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                problems.add(new Problem(absolute,
                        IngestResult.failed(sourceOf(absolute), ErrorCode.NOT_FOUND, "no such file or folder")));
            } else if (Files.isDirectory(absolute)) {
                walk(absolute, options, files, problems);
            } else {
                files.putIfAbsent(absolute, sizeOf(absolute));
            }
        }
        return files;
    }

    private static void walk(Path root, IngestOptions options, Map<Path, Long> files, List<Problem> problems) {
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(root) && hidden(dir, options) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !hidden(file, options)) {
                                if (SupportedFormats.isSupported(file)) {
                                    files.putIfAbsent(file.toAbsolutePath().normalize(), attrs.size());
                                } else {
                                    Path absolute = file.toAbsolutePath().normalize();
                                    problems.add(new Problem(absolute, IngestResult.skipped(sourceOf(absolute),
                                            "unsupported file type" + SupportedFormats.extensionLabel(file))));
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            Path absolute = file.toAbsolutePath().normalize();
                            String source = sourceOf(absolute);
                            problems.add(new Problem(absolute, switch (e) {
                                // The folder the link points back to is walked already: nothing is lost.
                                case FileSystemLoopException loop -> IngestResult.skipped(source, ErrorCode.CONFLICT,
                                        "symbolic link loop: its target folder is already ingested");
                                case AccessDeniedException denied ->
                                        IngestResult.failed(source, ErrorCode.FORBIDDEN, "permission denied");
                                case NoSuchFileException gone -> IngestResult.failed(source, ErrorCode.NOT_FOUND,
                                        "broken link or file removed during the walk");
                                default -> IngestResult.failed(source, ErrorCode.UNPROCESSABLE_DOCUMENT,
                                        "cannot be read: " + e.getMessage());
                            }));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(new Problem(root, IngestResult.failed(sourceOf(root), ErrorCode.UNPROCESSABLE_DOCUMENT,
                    "the folder cannot be read: " + e.getMessage())));
        }
    }

    private static boolean hidden(Path path, IngestOptions options) {
        Path name = path.getFileName();
        return !options.includeHidden() && name != null && name.toString().startsWith(".");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
