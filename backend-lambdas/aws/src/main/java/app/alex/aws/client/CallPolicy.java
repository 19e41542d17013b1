package app.alex.aws.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how often one AWS call may try. Retries use the SDK's standard strategy
 * (throttling: HTTP 429 and throttling error codes; server errors: 500, 502, 503, 504; the
 * service's own 408 request timeout; I/O errors), with exponential backoff and full jitter: before retry n the SDK waits a random
 * time in [0, min(maxBackoff, baseDelay * 2^n)).
 *
 * @param maxAttempts    attempts in all, the first included (1 means no retry)
 * @param baseDelay      backoff base for server errors and throttling
 * @param maxBackoff     cap of one backoff wait
 * @param attemptTimeout one HTTP attempt may take at most this long
 * @param callTimeout    the whole call, retries and waits included, may take at most this long
 */
public record CallPolicy(int maxAttempts, Duration baseDelay, Duration maxBackoff, Duration attemptTimeout,
                         Duration callTimeout) {

    public CallPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.compareTo(attemptTimeout) < 0) {
            throw new IllegalArgumentException("callTimeout must not be shorter than attemptTimeout");
        }
    }

    /**
     * S3 Vectors answers warm queries in ~100 ms; a Lambda behind API Gateway has 29 s in all,
     * so a call gives up well before that.
     */
    public static CallPolicy s3VectorsDefaults() {
        return new CallPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(15));
    }

    /**
     * A warm MiniLM call answers in well under a second; a cold serverless endpoint answers
     * ModelNotReady or nothing for tens of seconds, and SageMakerEmbedder retries that on its own
     * up to its startup wait, cutting each call to the time left, so all of it fits API Gateway's 29 s.
     */
    public static CallPolicy sageMakerDefaults() {
        return new CallPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(20));
    }

    public CallPolicy withMaxAttempts(int attempts) {
        return new CallPolicy(attempts, baseDelay, maxBackoff, attemptTimeout, callTimeout);
    }

    public CallPolicy withTimeouts(Duration attempt, Duration call) {
        return new CallPolicy(maxAttempts, baseDelay, maxBackoff, attempt, call);
    }
}
