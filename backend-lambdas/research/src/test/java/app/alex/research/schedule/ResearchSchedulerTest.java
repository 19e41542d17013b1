package app.alex.research.schedule;

import app.alex.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ResearchSchedulerTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final AtomicInteger runs = new AtomicInteger();
    @TempDir
    Path dir;

    private ResearchScheduler scheduler(ResearchScheduler.Job job) {
        return new ResearchScheduler(dir.resolve("schedule.json"), clock, TWO_HOURS, true, job);
    }

    private ResearchScheduler counting() {
        return scheduler(() -> "run " + runs.incrementAndGet());
    }

    @Test
    void nothingRunsBeforeTheIntervalAndOneRunHappensWhenItIsDue() {
        var s = counting();
        clock.advance(Duration.ofMinutes(119));
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.NOT_DUE);
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.RAN);
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.NOT_DUE);
        assertThat(runs).hasValue(1);
        assertThat(s.state().nextRun()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
    }

    @Test
    void afterTheMachineSleptThroughManySlotsItRunsOnceNotOncePerSlot() {
        counting();
        clock.advance(Duration.ofHours(13));
        var afterWaking = counting();
        assertThat(afterWaking.tick()).isEqualTo(ResearchScheduler.TickResult.RAN);
        assertThat(afterWaking.tick()).isEqualTo(ResearchScheduler.TickResult.NOT_DUE);
        assertThat(runs).hasValue(1);
        assertThat(afterWaking.state().nextRun()).isEqualTo(clock.instant().plus(TWO_HOURS));
    }

    @Test
    void lastAndNextRunArePersistedAcrossRestarts() {
        var s = counting();
        clock.advance(TWO_HOURS);
        s.tick();
        var restarted = counting();
        assertThat(restarted.state().lastRun()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(restarted.state().nextRun()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(restarted.state().lastOutcome()).isEqualTo("run 1");
    }

    @Test
    void aFailedRunRecordsWhyAndTheNextOneStillHappens() {
        var s = scheduler(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("The language model at http://localhost:11434 is not running.");
            }
            return "ok";
        });
        clock.advance(TWO_HOURS);
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.FAILED);
        assertThat(s.state().lastFailed()).isTrue();
        assertThat(s.state().lastOutcome()).contains("not running");
        clock.advance(TWO_HOURS);
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.RAN);
        assertThat(s.state().lastFailed()).isFalse();
    }

    @Test
    void neverTwoRunsAtOnce() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var s = scheduler(() -> {
            started.countDown();
            release.await();
            return "slow run";
        });
        clock.advance(TWO_HOURS);
        Thread first = Thread.ofVirtual().start(s::tick);
        started.await();
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.ALREADY_RUNNING);
        assertThat(s.runNow()).isEqualTo(ResearchScheduler.TickResult.ALREADY_RUNNING);
        release.countDown();
        first.join();
        assertThat(s.state().lastOutcome()).isEqualTo("slow run");
    }

    @Test
    void aDisabledScheduleNeverRunsAndTurningItOnUsesTheNewInterval() {
        var s = new ResearchScheduler(dir.resolve("schedule.json"), clock, TWO_HOURS, false, () -> "x" + runs.incrementAndGet());
        clock.advance(Duration.ofHours(5));
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.DISABLED);
        s.configure(true, Duration.ofMinutes(30));
        assertThat(s.tick()).as("the first slot counts from turning it on").isEqualTo(ResearchScheduler.TickResult.NOT_DUE);
        clock.advance(Duration.ofMinutes(30));
        assertThat(s.tick()).isEqualTo(ResearchScheduler.TickResult.RAN);
        assertThat(s.state().nextRun()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void aScheduleTurnedOnCountsFromThatMomentNotFromALaunchWhileItWasOff() {
        var off = new ResearchScheduler(dir.resolve("schedule.json"), clock, TWO_HOURS, false, () -> "run " + runs.incrementAndGet());
        assertThat(off.tick()).isEqualTo(ResearchScheduler.TickResult.DISABLED);
        clock.advance(Duration.ofHours(5));

        off.configure(true, TWO_HOURS);

        assertThat(off.state().nextRun()).isEqualTo(clock.instant().plus(TWO_HOURS));
        assertThat(off.tick()).isEqualTo(ResearchScheduler.TickResult.NOT_DUE);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aScheduleSwitchedOnBetweenLaunchesAlsoCountsFromTheLaunchThatFoundItOn() {
        new ResearchScheduler(dir.resolve("schedule.json"), clock, TWO_HOURS, false, () -> "never");
        clock.advance(Duration.ofHours(7));

        var on = counting();

        assertThat(on.tick()).isEqualTo(ResearchScheduler.TickResult.NOT_DUE);
        assertThat(on.state().nextRun()).isEqualTo(clock.instant().plus(TWO_HOURS));
        assertThat(counting().state().nextRun()).as("a relaunch keeps the slot").isEqualTo(on.state().nextRun());
    }
}
