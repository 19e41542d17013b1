package app.alex.desktop.testing;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A small knowledge base in memory for screens that only list documents (paging, remote-mode start-up). */
public final class InMemoryKnowledgeBase implements KnowledgeBase {
    private final Map<String, DocumentRecord> documents = new ConcurrentHashMap<>();

    public InMemoryKnowledgeBase withDocuments(int count) {
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String id = String.format("doc-%03d", i);
            documents.put(id, new DocumentRecord(id, "Document " + String.format("%03d", i), "/tmp/doc-" + i + ".txt",
                    DocumentType.DOCUMENT, List.of(), base.plusSeconds(i), base.plusSeconds(i), "h" + i, 1, 10,
                    "text/plain", Map.of()));
        }
        return this;
    }

    private volatile java.util.concurrent.CountDownLatch held;
    private final java.util.concurrent.Semaphore ingesting = new java.util.concurrent.Semaphore(0);

    /** Ingests wait until {@code release} is counted down; {@link #awaitIngesting} sees one waiting. */
    public InMemoryKnowledgeBase holdIngests(java.util.concurrent.CountDownLatch release) {
        held = release;
        return this;
    }

    public void awaitIngesting() throws InterruptedException {
        if (!ingesting.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("no ingest started within 30 s");
        }
    }

    @Override
    public IngestResult ingest(TextIngestRequest request) {
        var release = held;
        if (release != null) {
            ingesting.release();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A caller's own id (EDGAR filings have one from their address) is kept, as the real backends keep it.
        String id = request.id() != null && !request.id().isBlank() ? request.id() : "doc-" + documents.size();
        documents.put(id, new DocumentRecord(id, request.title(), request.source(), request.type(), request.tags(),
                Instant.now(), Instant.now(), "h", 1, request.text().length(), "text/plain", Map.of()));
        return new IngestResult(id, IngestStatus.CREATED, id, request.title(), 1, null, null);
    }

    private volatile List<app.alex.core.search.SearchHit> hits = List.of();

    /** Every search answers these hits (none by default). */
    public InMemoryKnowledgeBase withSearchHits(List<app.alex.core.search.SearchHit> answer) {
        hits = List.copyOf(answer);
        return this;
    }

    @Override
    public SearchResponse search(SearchRequest request) {
        return new SearchResponse(request.query(), request.mode(), hits, 0);
    }

    @Override
    public DocumentPage documents(DocumentQuery query) {
        var sorted = new ArrayList<>(documents.values().stream().filter(query.filter()::matches).toList());
        sorted.sort(query.sort() == DocumentQuery.Sort.TITLE ? Comparator.comparing(DocumentRecord::title)
                : Comparator.comparing(DocumentRecord::ingestedAt).reversed());
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int to = Math.min(sorted.size(), from + query.limit());
        return new DocumentPage(sorted.subList(from, to), to < sorted.size() ? Integer.toString(to) : null);
    }

    @Override
    public DocumentRecord document(String id) {
        DocumentRecord d = documents.get(id);
        if (d == null) {
            throw AlexException.notFound("No document " + id);
        }
        return d;
    }

    @Override
    public List<ChunkRecord> chunks(String id) {
        return List.of(new ChunkRecord(id, 0, "Text of " + id, 0, 0, 10, 3));
    }

    @Override
    public void delete(String id) {
        if (documents.remove(id) == null) {
            throw AlexException.notFound("No document " + id);
        }
    }

    @Override
    public IndexStats stats() {
        return new IndexStats(documents.size(), documents.size());
    }
}
