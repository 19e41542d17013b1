package app.alex.edgar.testing;

import app.alex.edgar.http.RequestPacer;
import app.alex.edgar.http.Sleeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when someone sleeps on it: tests see every wait and wait for none. */
public final class FakeTime implements Sleeper {
    private long nanos = 1_000_000_000L;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        nanos += duration.toNanos();
    }

    public synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public RequestPacer pacer(int perSecond) {
        return new RequestPacer(perSecond, this::nanoTime, this);
    }
}
