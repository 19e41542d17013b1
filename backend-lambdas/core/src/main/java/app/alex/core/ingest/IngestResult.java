package app.alex.core.ingest;

import app.alex.core.error.ErrorCode;

/**
 * The outcome for one file or text.
 *
 * @param source     the path, URL or label that was ingested
 * @param status     created, unchanged, replaced, skipped or failed
 * @param documentId the stored document's id (null when failed before an id existed)
 * @param title      the document title
 * @param chunkCount passages stored (0 when unchanged/failed)
 * @param errorCode  why it failed (null unless failed or skipped)
 * @param error      a message a person understands (null unless failed or skipped)
 * @param embeddedChunks passages the model read for this result: all of them for new text, none
 *                   when only metadata changed (the stored vectors were kept) or nothing changed
 */
public record IngestResult(String source, IngestStatus status, String documentId, String title, int chunkCount,
                           ErrorCode errorCode, String error, int embeddedChunks) {

    /** A result whose stored passages were all embedded when it was created or replaced. */
    public IngestResult(String source, IngestStatus status, String documentId, String title, int chunkCount,
                        ErrorCode errorCode, String error) {
        this(source, status, documentId, title, chunkCount, errorCode, error, embeddedByDefault(status, chunkCount));
    }

    /** What a result that does not say (an older server's) most likely embedded. */
    public static int embeddedByDefault(IngestStatus status, int chunkCount) {
        return status == IngestStatus.CREATED || status == IngestStatus.REPLACED ? chunkCount : 0;
    }

    public static IngestResult failed(String source, ErrorCode code, String message) {
        return new IngestResult(source, IngestStatus.FAILED, null, null, 0, code, message);
    }

    public static IngestResult skipped(String source, String reason) {
        return skipped(source, ErrorCode.UNSUPPORTED_MEDIA_TYPE, reason);
    }

    /** Left out on purpose (not a failure): {@code code} says why, {@code reason} says it to a person. */
    public static IngestResult skipped(String source, ErrorCode code, String reason) {
        return new IngestResult(source, IngestStatus.SKIPPED, null, null, 0, code, reason);
    }

    public boolean stored() {
        return status == IngestStatus.CREATED || status == IngestStatus.REPLACED || status == IngestStatus.UNCHANGED;
    }
}
