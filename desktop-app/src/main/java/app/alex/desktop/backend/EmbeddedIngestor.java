package app.alex.desktop.backend;

import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestService;
import app.alex.core.ingest.TextIngestRequest;

import java.nio.file.Path;
import java.util.List;

/** The embedded backend's own ingest use case. */
public record EmbeddedIngestor(IngestService service) implements Ingestor {

    @Override
    public BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener) {
        return service.ingestPaths(paths, options, listener);
    }

    @Override
    public IngestResult ingestText(TextIngestRequest request) {
        return service.ingestText(request);
    }
}
