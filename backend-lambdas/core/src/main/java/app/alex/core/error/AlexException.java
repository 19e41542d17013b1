package app.alex.core.error;

/**
 * A failure with a message a person can act on. The message is safe to show to users and API
 * callers: it never carries stack traces, class names or secrets.
 */
public class AlexException extends RuntimeException {
    private final ErrorCode code;

    public AlexException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AlexException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static AlexException badRequest(String message) {
        return new AlexException(ErrorCode.BAD_REQUEST, message);
    }

    public static AlexException notFound(String message) {
        return new AlexException(ErrorCode.NOT_FOUND, message);
    }
}
