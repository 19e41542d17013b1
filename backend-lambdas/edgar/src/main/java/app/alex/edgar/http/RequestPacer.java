package app.alex.edgar.http;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} requests in any one-second window: SEC's fair-access rule is 10 a
 * second per client, and a client that goes over is blocked for a while. Keeps the start times of
 * the last requests and, when the window is full, waits until the oldest one leaves it.
 */
public final class RequestPacer {
    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final int perSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    public RequestPacer(int perSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** SEC's limit, on the real clock. */
    public static RequestPacer secLimit() {
        return new RequestPacer(10, System::nanoTime, Sleeper.SYSTEM);
    }

    /** Returns when one more request may start. */
    public synchronized void acquire() {
        while (true) {
            long now = nanoClock.getAsLong();
            while (!starts.isEmpty() && now - starts.peekFirst() >= WINDOW_NANOS) {
                starts.removeFirst();
            }
            if (starts.size() < perSecond) {
                starts.addLast(now);
                return;
            }
            long wait = starts.peekFirst() + WINDOW_NANOS - now;
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlexException(ErrorCode.UNAVAILABLE, "Stopped while waiting to send the next request to EDGAR.");
            }
        }
    }
}
