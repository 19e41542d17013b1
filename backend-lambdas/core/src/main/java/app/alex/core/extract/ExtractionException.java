package app.alex.core.extract;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

/** A file could not be turned into text; the message says why in plain words. */
public final class ExtractionException extends AlexException {
    public ExtractionException(ErrorCode code, String message) {
        super(code, message);
    }

    public ExtractionException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public static ExtractionException unsupported(String what) {
        return new ExtractionException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported file type: " + what);
    }

    public static ExtractionException unreadable(String message, Throwable cause) {
        return new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT, message, cause);
    }
}
