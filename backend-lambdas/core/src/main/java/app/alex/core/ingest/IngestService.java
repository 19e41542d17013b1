package app.alex.core.ingest;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.chunk.TextChunk;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Embedder;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.ExtractionException;
import app.alex.core.extract.TextExtractor;
import app.alex.core.index.VectorIndex;
import app.alex.core.search.Tags;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Ingest use case: extract, chunk, skip what is unchanged, embed, store atomically.
 * One failing file never stops a batch and never touches what is already stored.
 */
public final class IngestService {
    /** Passages embedded per call: large enough to batch well, small enough for smooth progress. */
    static final int EMBED_BATCH = 32;
    /** Text longer than this (about 10,000 pages) is refused rather than exhausting memory. */
    public static final int MAX_TEXT_CHARS = 20_000_000;

    private final TextExtractor extractor;
    private final SentenceChunker chunker;
    private final Embedder embedder;
    private final VectorIndex index;
    private final Clock clock;
    private final DocumentLocks locks = new DocumentLocks();

    public IngestService(TextExtractor extractor, SentenceChunker chunker, Embedder embedder, VectorIndex index,
                         Clock clock) {
        this.extractor = Objects.requireNonNull(extractor);
        this.chunker = Objects.requireNonNull(chunker);
        this.embedder = Objects.requireNonNull(embedder);
        this.index = Objects.requireNonNull(index);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Ingests text given directly (API, pasted notes, research reports). Throws on invalid input. */
    public IngestResult ingestText(TextIngestRequest request) {
        if (request.text() == null || request.text().isBlank()) {
            throw AlexException.badRequest("The text is empty: there is nothing to ingest.");
        }
        if (request.text().length() > MAX_TEXT_CHARS) {
            throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The text has " + request.text().length() + " characters; the limit is " + MAX_TEXT_CHARS + ".");
        }
        FieldLimits.check(request.title(), request.source(), request.tags());
        String source = request.source() == null ? "" : request.source().strip();
        String hash = DocumentIds.contentHash(request.text());
        String id = request.id() != null ? DocumentIds.requireValid(request.id())
                : source.isEmpty() ? DocumentIds.fromContent(hash) : DocumentIds.fromSource(source);
        String title = request.title() != null && !request.title().isBlank() ? request.title().strip()
                : firstLine(request.text(), source);
        Instant now = clock.instant();
        var document = new DocumentRecord(id, title, source,
                request.type() == null ? DocumentType.DOCUMENT : request.type(), Tags.clean(request.tags()),
                request.date() == null ? now : request.date(), now, hash, 0, request.text().length(),
                request.mediaType() == null ? "text/plain" : request.mediaType(), request.attributes());
        var extracted = ExtractedDocument.plain(request.text(), title, document.mediaType());
        return store(document, extracted, IngestListener.NONE);
    }

    /** Ingests one file; never throws for a bad file, the result says what went wrong. */
    public IngestResult ingestFile(Path file, IngestOptions options, IngestListener listener) {
        String source = file.toAbsolutePath().normalize().toString();
        try {
            long size = Files.size(file);
            if (size > options.maxFileBytes()) {
                return IngestResult.failed(source, ErrorCode.PAYLOAD_TOO_LARGE, "file is too large ("
                        + humanBytes(size) + "; the limit is " + humanBytes(options.maxFileBytes()) + ")");
            }
            ExtractedDocument extracted = extractor.extract(file);
            if (extracted.text().isBlank()) {
                return IngestResult.failed(source, ErrorCode.UNPROCESSABLE_DOCUMENT,
                        "no text found (empty file, or a scanned document without a text layer)");
            }
            if (extracted.text().length() > MAX_TEXT_CHARS) {
                return IngestResult.failed(source, ErrorCode.PAYLOAD_TOO_LARGE, "the file holds more than "
                        + MAX_TEXT_CHARS + " characters of text");
            }
            Instant now = clock.instant();
            Instant date = extracted.date().orElseGet(() -> modifiedTime(file).orElse(now));
            String title = FieldLimits.clipTitle(extracted.title().isBlank() ? file.getFileName().toString() : extracted.title());
            var document = new DocumentRecord(DocumentIds.fromSource(source), title, source, options.type(),
                    Tags.clean(options.tags()), date, now, DocumentIds.contentHash(extracted.text()), 0,
                    extracted.text().length(), extracted.mediaType(), Map.of());
            return store(document, extracted, listener);
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

    /**
     * Ingests files and folders (recursively, following links, refusing link loops). Folder
     * walks skip hidden entries and files in formats Alex does not read.
     */
    public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
        var results = new ArrayList<IngestResult>();
        Map<Path, Long> files = plan(paths, options, results);
        listener.planned(files.size(), files.values().stream().mapToLong(Long::longValue).sum());
        for (IngestResult walkProblem : results) {
            listener.fileFinished(Path.of(walkProblem.source()), 0, walkProblem);
        }
        boolean cancelled = false;
        boolean diskFull = false;
        for (var entry : files.entrySet()) {
            if (diskFull) {
                // Nothing more can be stored: say so for each file instead of extracting and embedding it.
                IngestResult notStored = IngestResult.failed(entry.getKey().toString(), ErrorCode.INSUFFICIENT_STORAGE,
                        "not stored: the disk is full");
                results.add(notStored);
                listener.fileFinished(entry.getKey(), entry.getValue(), notStored);
                continue;
            }
            if (listener.cancelled()) {
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

    private Map<Path, Long> plan(List<Path> paths, IngestOptions options, List<IngestResult> problems) {
        var files = new LinkedHashMap<Path, Long>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                problems.add(IngestResult.failed(absolute.toString(), ErrorCode.NOT_FOUND, "no such file or folder"));
            } else if (Files.isDirectory(absolute)) {
                walk(absolute, options, files, problems);
            } else {
                files.putIfAbsent(absolute, sizeOf(absolute));
            }
        }
        return files;
    }

    private void walk(Path root, IngestOptions options, Map<Path, Long> files, List<IngestResult> problems) {
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
                                    problems.add(IngestResult.skipped(file.toString(),
                                            "unsupported file type" + SupportedFormats.extensionLabel(file)));
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            String why = switch (e) {
                                case FileSystemLoopException loop -> "symbolic link loop: skipped";
                                case AccessDeniedException denied -> "permission denied";
                                case NoSuchFileException gone -> "broken link or file removed during the walk";
                                default -> "cannot be read: " + e.getMessage();
                            };
                            problems.add(IngestResult.failed(file.toString(), ErrorCode.UNPROCESSABLE_DOCUMENT, why));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(IngestResult.failed(root.toString(), ErrorCode.UNPROCESSABLE_DOCUMENT,
                    "the folder cannot be read: " + e.getMessage()));
        }
    }

    /** Compares with what is stored and writes, one ingest per document id at a time. */
    private IngestResult store(DocumentRecord document, ExtractedDocument extracted, IngestListener listener) {
        return locks.underLock(document.id(), () -> storeUnlocked(document, extracted, listener));
    }

    private IngestResult storeUnlocked(DocumentRecord document, ExtractedDocument extracted, IngestListener listener) {
        Optional<DocumentRecord> existing = index.document(document.id());
        if (existing.isPresent() && sameContent(existing.get(), document)) {
            var stored = existing.get();
            return new IngestResult(document.source().isEmpty() ? document.id() : document.source(),
                    IngestStatus.UNCHANGED, stored.id(), stored.title(), stored.chunkCount(), null, null);
        }
        List<TextChunk> pieces = chunker.chunk(extracted.text());
        if (pieces.isEmpty()) {
            throw new AlexException(ErrorCode.UNPROCESSABLE_DOCUMENT, "no text found to index");
        }
        var chunks = new ArrayList<ChunkRecord>(pieces.size());
        for (TextChunk piece : pieces) {
            chunks.add(new ChunkRecord(document.id(), piece.index(), piece.text(), extracted.pageAt(piece.startOffset()),
                    piece.startOffset(), piece.endOffset(), piece.tokenCount()));
        }
        var vectors = new ArrayList<float[]>(chunks.size());
        for (int from = 0; from < chunks.size(); from += EMBED_BATCH) {
            if (listener.cancelled()) {
                throw new AlexException(ErrorCode.CONFLICT, "cancelled before it was stored");
            }
            List<String> batch = chunks.subList(from, Math.min(chunks.size(), from + EMBED_BATCH)).stream()
                    .map(ChunkRecord::text).toList();
            vectors.addAll(embedder.embed(batch));
            listener.chunksEmbedded(batch.size());
        }
        DocumentRecord toStore = document.withChunkCount(chunks.size());
        index.upsert(toStore, chunks, vectors);
        return new IngestResult(document.source().isEmpty() ? document.id() : document.source(),
                existing.isPresent() ? IngestStatus.REPLACED : IngestStatus.CREATED, toStore.id(), toStore.title(),
                chunks.size(), null, null);
    }

    /**
     * Unchanged means nothing the caller sent differs, attributes included: new attributes on the
     * same text (a research report marked read keeps that in its attributes) must be stored, not dropped.
     */
    private static boolean sameContent(DocumentRecord stored, DocumentRecord incoming) {
        return stored.contentHash().equals(incoming.contentHash())
                && stored.title().equals(incoming.title())
                && stored.type() == incoming.type()
                && stored.tags().equals(incoming.tags())
                && stored.attributes().equals(incoming.attributes());
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

    private static Optional<Instant> modifiedTime(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String text, String source) {
        for (String line : text.strip().split("\\R", 20)) {
            String candidate = line.replaceFirst("^#+\\s*", "").strip();
            if (!candidate.isEmpty()) {
                return candidate.length() > 120 ? candidate.substring(0, 117) + "..." : candidate;
            }
        }
        return source.isEmpty() ? "Untitled" : source;
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
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
