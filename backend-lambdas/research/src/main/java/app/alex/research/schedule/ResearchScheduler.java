package app.alex.research.schedule;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Scheduled research on one machine (the desktop and {@code alex serve}). The decision is
 * {@link #tick()}, driven by a clock the tests control: when the next run is due it runs once,
 * then the next run is one interval after now, so a machine that slept through six slots runs once
 * on waking, not six times. Never two runs at once. A failed run records why and the schedule goes
 * on. Last and next run are persisted in a small JSON file beside the feed.
 */
public final class ResearchScheduler implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the schedule runs: usually {@code researcher.researchAuto(...)}; returns a line for the log. */
    @FunctionalInterface
    public interface Job {
        String run() throws Exception;
    }

    /**
     * @param enabled whether the schedule was on when this was saved: a schedule turned on counts its
     *                first slot from that moment, not from a launch while it was off
     */
    public record State(Instant lastRun, Instant nextRun, String lastOutcome, boolean lastFailed, boolean enabled) {
        State switched(boolean on, Instant now, Duration interval) {
            return new State(lastRun, on ? now.plus(interval) : null, lastOutcome, lastFailed, on);
        }
    }

    public enum TickResult { NOT_DUE, RAN, FAILED, ALREADY_RUNNING, DISABLED }

    /** The state file's name in the feed folder: hidden, so the feed never takes it for a report. */
    public static final String STATE_FILE = ".schedule.json";

    private final Path stateFile;
    private final Clock clock;
    private final Job job;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean enabled;
    private volatile Duration interval;
    private volatile State state;
    private ScheduledExecutorService timer;

    public ResearchScheduler(Path stateFile, Clock clock, Duration interval, boolean enabled, Job job) {
        if (interval.compareTo(Duration.ofMinutes(5)) < 0) {
            throw new IllegalArgumentException("The research interval must be at least 5 minutes.");
        }
        this.stateFile = stateFile;
        this.clock = clock;
        this.interval = interval;
        this.enabled = enabled;
        this.job = job;
        var saved = load(stateFile);
        if (saved.isPresent() && saved.get().enabled() == enabled) {
            this.state = saved.get();
        } else {
            // First launch, or the schedule was switched while the app was closed. Persist the slot at
            // once, so a restart before it does not push it further away.
            this.state = saved.orElseGet(() -> new State(null, null, null, false, !enabled))
                    .switched(enabled, clock.instant(), interval);
            save();
        }
    }

    public State state() {
        return state;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Changes take effect at once; a shorter interval can bring the next run closer. */
    public synchronized void configure(boolean enabled, Duration interval) {
        boolean switched = enabled != this.enabled;
        this.enabled = enabled;
        this.interval = interval;
        if (switched) {
            state = state.switched(enabled, clock.instant(), interval);
            save();
            return;
        }
        Instant base = state.lastRun() != null ? state.lastRun() : clock.instant();
        Instant next = base.plus(interval);
        if (enabled && (state.nextRun() == null || next.isBefore(state.nextRun()))) {
            state = new State(state.lastRun(), next, state.lastOutcome(), state.lastFailed(), true);
            save();
        }
    }

    /** Runs the job if it is due; call it as often as you like. */
    public TickResult tick() {
        if (!enabled) {
            return TickResult.DISABLED;
        }
        if (!running.tryLock()) {
            return TickResult.ALREADY_RUNNING;
        }
        try {
            Instant now = clock.instant();
            if (state.nextRun() != null && now.isBefore(state.nextRun())) {
                return TickResult.NOT_DUE;
            }
            return runNow(now);
        } finally {
            running.unlock();
        }
    }

    /** Runs now whatever the schedule says (a "run now" button), unless a run is going on. */
    public TickResult runNow() {
        if (!running.tryLock()) {
            return TickResult.ALREADY_RUNNING;
        }
        try {
            return runNow(clock.instant());
        } finally {
            running.unlock();
        }
    }

    private TickResult runNow(Instant now) {
        String outcome;
        boolean failed;
        try {
            outcome = job.run();
            failed = false;
        } catch (Exception e) {
            outcome = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failed = true;
        }
        // The next slot counts from when this run started: missed slots are not made up.
        state = new State(now, enabled ? now.plus(interval) : null, outcome, failed, enabled);
        save();
        return failed ? TickResult.FAILED : TickResult.RAN;
    }

    /** Checks once a minute on a virtual thread; the check itself is {@link #tick()}. */
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("alex-research-scheduler").factory());
            timer.scheduleWithFixedDelay(this::tick, 5, 60, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void save() {
        try {
            Files.createDirectories(stateFile.getParent());
            Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("Warning: cannot save the research schedule to " + stateFile + ": " + e.getMessage());
        }
    }

    private static java.util.Optional<State> load(Path file) {
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(JSON.readValue(file.toFile(), State.class));
        } catch (IOException e) {
            System.err.println("Warning: the research schedule file " + file + " is unreadable; starting a new schedule.");
            return java.util.Optional.empty();
        }
    }
}
