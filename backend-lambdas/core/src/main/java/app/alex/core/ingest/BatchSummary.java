package app.alex.core.ingest;

import java.util.List;

/** All results of a batch, and the counts the command line and the desktop show. */
public record BatchSummary(List<IngestResult> results, boolean cancelled) {
    public BatchSummary {
        results = List.copyOf(results);
    }

    public long count(IngestStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public int chunks() {
        return results.stream().mapToInt(IngestResult::chunkCount).sum();
    }

    public List<IngestResult> failures() {
        return results.stream().filter(r -> r.status() == IngestStatus.FAILED).toList();
    }
}
