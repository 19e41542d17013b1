package app.alex.core.backend;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.ingest.FileIngestPipeline;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestService;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import app.alex.core.search.SearchService;

import java.util.List;

/** The knowledge base in-process: the use cases called directly (embedded, and inside the Lambdas). */
public final class ServiceKnowledgeBase implements KnowledgeBase {
    private final IngestService ingest;
    private final SearchService search;
    private final LibraryService library;

    public ServiceKnowledgeBase(IngestService ingest, SearchService search, LibraryService library) {
        this.ingest = ingest;
        this.search = search;
        this.library = library;
    }

    @Override
    public IngestResult ingest(TextIngestRequest request) {
        return ingest.ingestText(request);
    }

    @Override
    public SearchResponse search(SearchRequest request) {
        return search.search(request);
    }

    @Override
    public DocumentPage documents(DocumentQuery query) {
        return library.list(query);
    }

    @Override
    public DocumentRecord document(String id) {
        return library.get(id);
    }

    @Override
    public List<ChunkRecord> chunks(String id) {
        return library.chunks(id);
    }

    @Override
    public void delete(String id) {
        library.delete(id);
    }

    @Override
    public IndexStats stats() {
        return library.stats();
    }

    /** Files embedded in-process: progress per embedding batch, cancellable between batches. */
    @Override
    public FileIngestPipeline files() {
        return ingest.files();
    }
}
