package app.alex.research.llm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (AWS architecture blog's recommendation): attempt n waits a
 * random time in [0, min(cap, base * 2^n)], or what the server asked for in Retry-After. The
 * sleeper is a parameter so tests run without waiting.
 */
public record Backoff(int maxAttempts, Duration base, Duration cap, Sleeper sleeper) {

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static Backoff standard() {
        return new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(20), d -> Thread.sleep(d));
    }

    public static Backoff none() {
        return new Backoff(1, Duration.ZERO, Duration.ZERO, d -> { });
    }

    /** Waits before retry number {@code retry} (1-based); {@code serverHint} may be null. */
    public void pause(int retry, Duration serverHint) throws InterruptedException {
        Duration wait;
        if (serverHint != null) {
            wait = serverHint.compareTo(cap) > 0 ? cap : serverHint;
        } else {
            long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry, 20));
            wait = Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
        }
        sleeper.sleep(wait);
    }
}
