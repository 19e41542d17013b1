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
 */
public record IngestResult(String source, IngestStatus status, String documentId, String title, int chunkCount,
                           ErrorCode errorCode, String error) {

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
