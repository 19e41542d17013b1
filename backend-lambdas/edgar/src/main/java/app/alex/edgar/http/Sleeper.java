package app.alex.edgar.http;

import java.time.Duration;

/** Waits; tests pass one that only moves a fake clock, so no test waits on time. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
