package app.alex.core.research;

import java.util.function.Consumer;

/**
 * The researcher as the desktop and the command line see it: embedded (the agent in-process)
 * or remote (the researcher service over HTTP).
 */
public interface Researcher extends AutoCloseable {

    /**
     * Researches a topic, reporting steps as they happen; stores the report in the knowledge base
     * and the feed. Cancelling the calling thread (interrupt) stops it.
     */
    ResearchReport research(String topic, Consumer<ResearchStep> steps);

    /** Picks the next watchlist topic (or a default market theme) and researches it. */
    ResearchReport researchAuto(Consumer<ResearchStep> steps);

    /**
     * Scheduled research for one schedule slot (an ISO-8601 instant, e.g. the scheduler's
     * {@code <aws.scheduler.scheduled-time>}): a slot already researched gives back its report
     * instead of a second run, so a repeated delivery costs nothing. Null slot: {@link #researchAuto(Consumer)}.
     */
    default ResearchReport researchAuto(String slot, Consumer<ResearchStep> steps) {
        return researchAuto(steps);
    }

    /** Reports newest first. */
    FeedPage feed(FeedQuery query);

    ResearchReport report(String id);

    void markRead(String id, boolean read);

    @Override
    default void close() {
    }
}
