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
import app.alex.core.extract.ExtractedDocument.SectionSpan;
import app.alex.core.extract.TextExtractor;
import app.alex.core.index.VectorIndex;
import app.alex.core.search.Tags;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    /** A section shorter than this (a heading and a line) is no passage of its own: it joins the next. */
    static final int MIN_SECTION_CHARS = 200;

    private final SentenceChunker chunker;
    private final Embedder embedder;
    private final VectorIndex index;
    private final Clock clock;
    private final FileIngestPipeline files;
    private final DocumentLocks locks = new DocumentLocks();

    public IngestService(TextExtractor extractor, SentenceChunker chunker, Embedder embedder, VectorIndex index,
                         Clock clock) {
        this.chunker = Objects.requireNonNull(chunker);
        this.embedder = Objects.requireNonNull(embedder);
        this.index = Objects.requireNonNull(index);
        this.clock = Objects.requireNonNull(clock);
        this.files = new FileIngestPipeline(extractor, this::ingestText);
    }

    /** Ingests text given directly (API, pasted notes, research reports). Throws on invalid input. */
    public IngestResult ingestText(TextIngestRequest request) {
        return ingestText(request, IngestListener.NONE);
    }

    /**
     * Ingests text, reporting embedding progress and honouring cancellation: the sink of the file
     * pipeline in-process, and what the API does with a {@code POST /ingest} body.
     */
    public IngestResult ingestText(TextIngestRequest request, IngestListener listener) {
        if (request.text() == null || request.text().isBlank()) {
            throw AlexException.badRequest("The text is empty: there is nothing to ingest.");
        }
        if (request.text().length() > MAX_TEXT_CHARS) {
            throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The text has " + request.text().length() + " characters; the limit is " + MAX_TEXT_CHARS + ".");
        }
        requireValidPages(request.pages(), request.text().length());
        requireValidSections(request.sections(), request.text().length());
        FieldLimits.check(request.title(), request.source(), request.tags());
        String source = request.source() == null ? "" : request.source().strip();
        String id = DocumentIds.idFor(request);
        String title = DocumentIds.titleFor(request);
        Instant now = clock.instant();
        var document = new DocumentRecord(id, title, source,
                request.type() == null ? DocumentType.DOCUMENT : request.type(), Tags.clean(request.tags()),
                request.date() == null ? now : request.date(), now, DocumentIds.contentHash(request.text()), 0,
                request.text().length(), request.mediaType() == null ? "text/plain" : request.mediaType(),
                request.attributes());
        var extracted = new ExtractedDocument(request.text(), title, document.mediaType(), request.pages(),
                Optional.empty(), request.sections());
        return store(document, extracted, listener);
    }

    /**
     * Page spans must lie inside the text, in order and without overlap, numbered from 1: anything
     * else would give passages wrong page numbers.
     */
    static void requireValidPages(List<ExtractedDocument.PageSpan> pages, int textLength) {
        int previousEnd = 0;
        int previousNumber = 0;
        for (ExtractedDocument.PageSpan page : pages) {
            if (page.number() <= previousNumber || page.start() < previousEnd || page.end() < page.start()
                    || page.end() > textLength) {
                throw AlexException.badRequest("'pages' must be spans {number, start, end} of the text in order: "
                        + "numbers rising from 1, 0 <= start <= end <= the text's length (" + textLength
                        + "), no overlap; page " + page.number() + " (" + page.start() + ".." + page.end()
                        + ") is not.");
            }
            previousEnd = page.end();
            previousNumber = page.number();
        }
    }

    /**
     * Section spans, like pages, must lie inside the text in order without overlap, each with a
     * heading path that is not blank and not longer than {@link SectionSpan#MAX_PATH_CHARS}.
     */
    static void requireValidSections(List<SectionSpan> sections, int textLength) {
        int previousEnd = 0;
        for (SectionSpan section : sections) {
            if (section.start() < previousEnd || section.end() < section.start() || section.end() > textLength) {
                throw AlexException.badRequest("'sections' must be spans {path, start, end} of the text in order: "
                        + "0 <= start <= end <= the text's length (" + textLength + "), no overlap; '"
                        + FieldLimits.clipTitle(section.path()) + "' (" + section.start() + ".." + section.end()
                        + ") is not.");
            }
            if (section.path().isBlank() || section.path().length() > SectionSpan.MAX_PATH_CHARS) {
                throw AlexException.badRequest("A section's 'path' must be 1 to " + SectionSpan.MAX_PATH_CHARS
                        + " characters; one at " + section.start() + " has " + section.path().length() + ".");
            }
            previousEnd = section.end();
        }
    }

    /**
     * Passages that never run across a heading: each section is cut on its own (and the text outside
     * every section too), so a passage belongs to one section. A section too short to be a passage
     * of its own (a bare "Part I" heading, "Item 1B. Unresolved Staff Comments: None.") joins the
     * next one rather than becoming a fragment that matches every question on its few words.
     */
    private List<TextChunk> chunkBySection(ExtractedDocument extracted) {
        String text = extracted.text();
        if (extracted.sections().isEmpty()) {
            return chunker.chunk(text);
        }
        var boundaries = new java.util.TreeSet<Integer>();
        boundaries.add(0);
        boundaries.add(text.length());
        for (SectionSpan section : extracted.sections()) {
            boundaries.add(section.start());
            boundaries.add(section.end());
        }
        var pieces = new ArrayList<TextChunk>();
        int from = 0;
        for (int to : boundaries.tailSet(0, false)) {
            if (to < text.length() && text.substring(from, to).strip().length() < MIN_SECTION_CHARS) {
                continue; // too short: this region runs on into the next
            }
            for (TextChunk piece : chunker.chunk(text.substring(from, to))) {
                pieces.add(new TextChunk(pieces.size(), from + piece.startOffset(), from + piece.endOffset(),
                        piece.text(), piece.tokenCount()));
            }
            from = to;
        }
        return pieces;
    }

    /** The section holding most of a passage (a passage that begins with a bare heading belongs to what follows). */
    private static String sectionOf(ExtractedDocument extracted, int start, int end) {
        String best = extracted.sectionAt(start);
        int bestOverlap = 0;
        for (SectionSpan section : extracted.sections()) {
            if (section.start() >= end) {
                break;
            }
            int overlap = Math.min(end, section.end()) - Math.max(start, section.start());
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = section.path();
            }
        }
        return best;
    }

    /**
     * What the model reads for a passage: the document's title and the passage's section before its
     * text ("Apple Inc. 10-K FY2024 — Part I > Item 1A. Risk Factors"), so a passage that says "the
     * Company" is still about Apple, and one under "Risk Factors" is about risks. The stored text is
     * the passage alone.
     */
    static String embeddingText(String title, ChunkRecord chunk) {
        String context = chunk.section().isEmpty() ? title : title.isEmpty() ? chunk.section()
                : title + " \u2014 " + chunk.section();
        return context.isBlank() ? chunk.text() : context + "\n\n" + chunk.text();
    }

    /** The file pipeline with this use case as its sink: files ingested in-process. */
    public FileIngestPipeline files() {
        return files;
    }

    /** Ingests one file; never throws for a bad file, the result says what went wrong. */
    public IngestResult ingestFile(Path file, IngestOptions options, IngestListener listener) {
        return files.ingestFile(file, options, listener);
    }

    /**
     * Ingests files and folders (recursively, following links; link loops skipped). Folder walks
     * skip hidden entries and files in formats Alex does not read.
     */
    public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
        return files.ingestPaths(paths, options, listener);
    }

    /** Compares with what is stored and writes, one ingest per document id at a time. */
    private IngestResult store(DocumentRecord document, ExtractedDocument extracted, IngestListener listener) {
        return locks.underLock(document.id(), () -> storeUnlocked(document, extracted, listener));
    }

    private IngestResult storeUnlocked(DocumentRecord document, ExtractedDocument extracted, IngestListener listener) {
        Optional<DocumentRecord> existing = index.document(document.id());
        boolean unchanged = existing.isPresent() && sameContent(existing.get(), document);
        if (unchanged && index.storedInCurrentLayout(document.id())) {
            var stored = existing.get();
            return new IngestResult(document.source().isEmpty() ? document.id() : document.source(),
                    IngestStatus.UNCHANGED, stored.id(), stored.title(), stored.chunkCount(), null, null, 0);
        }
        // Unchanged but stored in an older layout: stored again (from its own vectors, below), still unchanged to the caller.
        List<TextChunk> pieces = chunkBySection(extracted);
        if (pieces.isEmpty()) {
            throw new AlexException(ErrorCode.UNPROCESSABLE_DOCUMENT, "no text found to index");
        }
        var chunks = new ArrayList<ChunkRecord>(pieces.size());
        for (TextChunk piece : pieces) {
            chunks.add(new ChunkRecord(document.id(), piece.index(), piece.text(), extracted.pageAt(piece.startOffset()),
                    piece.startOffset(), piece.endOffset(), piece.tokenCount(),
                    sectionOf(extracted, piece.startOffset(), piece.endOffset())));
        }
        Optional<List<float[]>> reused = storedVectorsFor(existing, document, chunks);
        List<float[]> vectors = reused.orElseGet(() -> embed(document, chunks, listener));
        // An unchanged document keeps what is stored (its date and arrival time), only laid out anew.
        DocumentRecord toStore = (unchanged ? existing.get() : document).withChunkCount(chunks.size());
        if (existing.isPresent() && existing.get().contentHash().equals(document.contentHash())) {
            // Same text, new title, tags or attributes (a report marked read): not a new arrival, so it
            // keeps its place in "newest ingested".
            toStore = toStore.withIngestedAt(existing.get().ingestedAt());
        }
        index.upsert(toStore, chunks, vectors);
        return new IngestResult(document.source().isEmpty() ? document.id() : document.source(),
                unchanged ? IngestStatus.UNCHANGED : existing.isPresent() ? IngestStatus.REPLACED : IngestStatus.CREATED,
                toStore.id(), toStore.title(), chunks.size(), null, null, reused.isPresent() ? 0 : chunks.size());
    }

    private List<float[]> embed(DocumentRecord document, List<ChunkRecord> chunks, IngestListener listener) {
        var vectors = new ArrayList<float[]>(chunks.size());
        for (int from = 0; from < chunks.size(); from += EMBED_BATCH) {
            if (listener.cancelled()) {
                throw new AlexException(ErrorCode.CONFLICT, "cancelled before it was stored");
            }
            List<String> batch = chunks.subList(from, Math.min(chunks.size(), from + EMBED_BATCH)).stream()
                    .map(chunk -> embeddingText(document.title(), chunk)).toList();
            vectors.addAll(embedder.embed(batch));
            listener.chunksEmbedded(batch.size());
        }
        return vectors;
    }

    /**
     * The vectors already stored, when only the document's metadata changed (a report marked read,
     * new tags, a new date): same text under the same title, cut into the same passages, is what
     * the model read last time ({@link #embeddingText}), so embedding it again would give the same
     * vectors at the cost of a model call (in the cloud, a SageMaker request). Anything else, or an
     * index that cannot give its vectors back whole, embeds.
     */
    private Optional<List<float[]>> storedVectorsFor(Optional<DocumentRecord> existing, DocumentRecord incoming,
                                                     List<ChunkRecord> chunks) {
        if (existing.isEmpty() || !existing.get().contentHash().equals(incoming.contentHash())
                || !existing.get().title().equals(incoming.title())) {
            return Optional.empty();
        }
        return index.embeddedChunks(incoming.id())
                .filter(stored -> stored.chunks().equals(chunks))
                .map(stored -> stored.vectors());
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
}
