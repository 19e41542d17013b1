package app.alex.aws.fakes;

/**
 * An error a fake answers instead of doing the work, shaped as AWS JSON protocols send errors:
 * the status, the error type in {@code x-amzn-ErrorType}, and {@code {"message": ...}}.
 *
 * @param stall when true the fake never answers (until it is closed): for timeout tests
 */
public record Fault(int status, String errorType, String message, boolean stall) {

    public static Fault of(int status, String errorType, String message) {
        return new Fault(status, errorType, message, false);
    }

    /** S3 Vectors' throttling answer. */
    public static Fault tooManyRequests() {
        return of(429, "TooManyRequestsException", "Rate exceeded");
    }

    /** SageMaker Runtime's throttling answer (HTTP 400 with a throttling error code). */
    public static Fault throttling() {
        return of(400, "ThrottlingException", "Rate exceeded");
    }

    /** S3 Vectors' answer when a service quota (vectors per index, indexes per bucket...) would be exceeded. */
    public static Fault quotaExceeded() {
        return of(402, "ServiceQuotaExceededException", "The request was rejected because it would exceed a service quota.");
    }

    /** S3 Vectors' slow-down answer: 503 when the request rate is above what the index takes. */
    public static Fault slowDown() {
        return of(503, "ServiceUnavailableException", "Please reduce your request rate.");
    }

    /** S3 Vectors' 408: the request was not completed in time on the service's side; worth retrying. */
    public static Fault requestTimeout() {
        return of(408, "RequestTimeoutException", "The request timed out. Please try again.");
    }

    public static Fault internalError() {
        return of(500, "InternalServerException", "We encountered an internal error. Please try again.");
    }

    public static Fault serviceUnavailable() {
        return of(503, "ServiceUnavailableException", "Service is unavailable. Please try again.");
    }

    public static Fault accessDenied() {
        return of(403, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/alex-api/fn is not"
                + " authorized to perform this action on resource arn:aws:s3vectors:us-east-1:123456789012:bucket/kb");
    }

    public static Fault stallForever() {
        return new Fault(0, null, null, true);
    }
}
