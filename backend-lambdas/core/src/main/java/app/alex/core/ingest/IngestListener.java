package app.alex.core.ingest;

import java.nio.file.Path;

/**
 * Progress of a batch ingest, for progress bars. Called on the ingesting thread; keep it quick.
 */
public interface IngestListener {
    IngestListener NONE = new IngestListener() {
    };

    /** The walk found {@code files} files totalling {@code bytes} bytes. */
    default void planned(int files, long bytes) {
    }

    default void fileStarted(Path file) {
    }

    /** {@code count} more passages were embedded. */
    default void chunksEmbedded(int count) {
    }

    /** A file is finished; {@code bytes} is its size, for time-left estimates. */
    default void fileFinished(Path file, long bytes, IngestResult result) {
    }

    /** Checked between files and between embedding batches; true stops the batch early. */
    default boolean cancelled() {
        return false;
    }
}
