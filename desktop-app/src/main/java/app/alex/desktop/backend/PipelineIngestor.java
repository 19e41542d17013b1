package app.alex.desktop.backend;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.FileIngestPipeline;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.embedded.EmbeddedBackend;

import java.nio.file.Path;
import java.util.List;

/**
 * Files through the core's one {@link FileIngestPipeline} into whichever knowledge base is open,
 * pasted text straight to it. Embedded, the pipeline's sink embeds in-process (progress per batch,
 * cancellable between batches); remote, it sends each file's text with its page spans to the API.
 */
public record PipelineIngestor(FileIngestPipeline files, KnowledgeBase knowledgeBase) implements Ingestor {

    public static PipelineIngestor embedded(EmbeddedBackend backend) {
        return new PipelineIngestor(backend.ingest().files(), backend.knowledgeBase());
    }

    /** Files extracted on this machine, their text stored by {@code knowledgeBase} (the remote API). */
    public static PipelineIngestor over(KnowledgeBase knowledgeBase) {
        return new PipelineIngestor(new FileIngestPipeline(new FileExtractor(), (request, listener) -> {
            IngestResult result = knowledgeBase.ingest(request);
            listener.chunksEmbedded(result.chunkCount());
            return result;
        }), knowledgeBase);
    }

    @Override
    public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
        return files.ingestPaths(paths, options, listener);
    }

    @Override
    public IngestResult ingestText(TextIngestRequest request) {
        return knowledgeBase.ingest(request);
    }
}
