package app.alex.desktop.backend;

import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;
import app.alex.research.schedule.ResearchScheduler;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A researcher with the in-app schedule attached: the schedule runs while the session is open
 * and stops with it, and the status bar reads its next and last run from here.
 */
public final class ScheduledResearcher implements Researcher {
    private final Researcher researcher;
    private final ResearchScheduler scheduler;
    private final java.util.List<Consumer<ResearchReport>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Builds the schedule around the researcher; the schedule's runs tell {@link #onScheduledReport} listeners. */
    public ScheduledResearcher(Researcher researcher, java.util.function.Function<ResearchScheduler.Job, ResearchScheduler> schedule) {
        this.researcher = researcher;
        this.scheduler = schedule.apply(() -> {
            ResearchReport report = researcher.researchAuto(step -> { });
            listeners.forEach(l -> l.accept(report));
            return "Researched \"" + report.topic() + "\": " + report.title();
        });
    }

    /** Called on the scheduler's thread when a scheduled report is ready. */
    public void onScheduledReport(Consumer<ResearchReport> listener) {
        listeners.add(listener);
    }

    public void start() {
        scheduler.start();
    }

    /** A scheduled run now, whatever the clock says (skipped if one is running). */
    public ResearchScheduler.TickResult runNow() {
        return scheduler.runNow();
    }

    /** The schedule's state when it is on. */
    public Optional<ResearchScheduler.State> schedule() {
        return scheduler.enabled() ? Optional.of(scheduler.state()) : Optional.empty();
    }

    @Override
    public ResearchReport research(String topic, Consumer<ResearchStep> steps) {
        return researcher.research(topic, steps);
    }

    @Override
    public ResearchReport researchAuto(Consumer<ResearchStep> steps) {
        return researcher.researchAuto(steps);
    }

    @Override
    public FeedPage feed(FeedQuery query) {
        return researcher.feed(query);
    }

    @Override
    public ResearchReport report(String id) {
        return researcher.report(id);
    }

    @Override
    public void markRead(String id, boolean read) {
        researcher.markRead(id, read);
    }

    @Override
    public void close() {
        scheduler.close();
        researcher.close();
    }
}
