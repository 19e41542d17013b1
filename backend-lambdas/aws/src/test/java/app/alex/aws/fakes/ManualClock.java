package app.alex.aws.fakes;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Time that moves only when told to: cold starts and waits are tested without waiting. */
public final class ManualClock implements InstantSource {
    private Instant now = Instant.parse("2026-01-05T09:00:00Z");

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}
