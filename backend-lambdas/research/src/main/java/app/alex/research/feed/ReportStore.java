package app.alex.research.feed;

import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;

import java.util.Optional;

/** Where finished reports live for the feed: the knowledge base, on one machine and in the cloud alike. */
public interface ReportStore {

    /** Stores (or replaces) the report; returns it exactly as stored, which is what later reads give back. */
    ResearchReport save(ResearchReport report);

    /** Newest first. */
    FeedPage page(FeedQuery query);

    Optional<ResearchReport> get(String id);

    /** @return false when there is no such report */
    boolean markRead(String id, boolean read);
}
