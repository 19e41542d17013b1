package app.alex.core.error;

/**
 * Stable, machine-readable error codes. Transports map them to HTTP statuses and exit codes;
 * the code never changes meaning once published.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    REQUEST_TIMEOUT(408),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    UNPROCESSABLE_DOCUMENT(422),
    RATE_LIMITED(429),
    HEADERS_TOO_LARGE(431),
    INTERNAL(500),
    UNAVAILABLE(503),
    IN_USE(409),
    /** The disk holding the knowledge base is full. */
    INSUFFICIENT_STORAGE(507);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code as it appears on the wire: lower snake case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
