package app.alex.desktop.backend;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;

import java.util.function.Consumer;

/** Stands in until a researcher implementation is wired in {@link ResearcherFactory}: every call says so plainly. */
public final class UnavailableResearcher implements Researcher {
    public static final String MESSAGE = "Research is not available yet in this build: the researcher is not connected.";

    @Override
    public ResearchReport research(String topic, Consumer<ResearchStep> steps) {
        throw unavailable();
    }

    @Override
    public ResearchReport researchAuto(Consumer<ResearchStep> steps) {
        throw unavailable();
    }

    @Override
    public FeedPage feed(FeedQuery query) {
        throw unavailable();
    }

    @Override
    public ResearchReport report(String id) {
        throw unavailable();
    }

    @Override
    public void markRead(String id, boolean read) {
        throw unavailable();
    }

    private static AlexException unavailable() {
        return new AlexException(ErrorCode.UNAVAILABLE, MESSAGE);
    }
}
