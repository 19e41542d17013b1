package app.alex.core.ingest;

import java.util.Locale;

/** What ingesting one item did. */
public enum IngestStatus {
    /** A document that was not in the knowledge base. */
    CREATED,
    /** Same content as stored: nothing embedded, nothing written. */
    UNCHANGED,
    /** A changed version replaced the stored one atomically. */
    REPLACED,
    /** Found while walking a folder, but not a format Alex reads (images, archives...). */
    SKIPPED,
    /** Could not be ingested; the result says why. Nothing stored before was touched. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
