package app.alex.desktop.backend;

import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.TextIngestRequest;

import java.nio.file.Path;
import java.util.List;

/**
 * Files, folders and pasted text into the knowledge base, whichever backend holds it; files go
 * through the core's one file pipeline either way ({@link PipelineIngestor}).
 */
public interface Ingestor {

    /** Never throws for a bad file: each result says what happened. */
    BatchSummary ingestPaths(List<Path> paths, IngestOptions options, IngestListener listener);

    IngestResult ingestText(TextIngestRequest request);
}
