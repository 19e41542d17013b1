package app.alex.core.index;

/** Counts for the status bar and health checks. */
public record IndexStats(long documents, long chunks) {
}
