package app.alex.desktop.backend;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.TextIngestRequest;

import java.nio.file.Path;
import java.util.List;

/**
 * Files through the core's one file pipeline ({@link KnowledgeBase#files()}) into whichever
 * knowledge base is open, pasted text straight to it. Embedded, the pipeline embeds in-process
 * (progress per batch, cancellable between batches); remote, it sends each file's text with its
 * page spans to the API.
 */
public record PipelineIngestor(KnowledgeBase knowledgeBase) implements Ingestor {

    @Override
    public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
        return knowledgeBase.files().ingestPaths(paths, options, listener);
    }

    @Override
    public IngestResult ingestText(TextIngestRequest request) {
        return knowledgeBase.ingest(request);
    }
}
