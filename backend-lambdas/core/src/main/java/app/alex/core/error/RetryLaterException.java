package app.alex.core.error;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link ErrorCode#UNAVAILABLE} with a time after which trying again should work (a cloud model
 * that is starting). Transports send it as {@code Retry-After}; clients wait that long and retry.
 */
public final class RetryLaterException extends AlexException {
    private final Duration retryAfter;

    public RetryLaterException(String message, Duration retryAfter, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least 1, as {@code Retry-After} carries them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
