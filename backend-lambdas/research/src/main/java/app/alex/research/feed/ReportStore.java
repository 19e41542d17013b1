package app.alex.research.feed;

import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;

import java.util.Optional;

/** Where finished reports live for the feed: a folder on one machine, the knowledge base in the cloud. */
public interface ReportStore {

    void save(ResearchReport report);

    /** Newest first. */
    FeedPage page(FeedQuery query);

    Optional<ResearchReport> get(String id);

    /** @return false when there is no such report */
    boolean markRead(String id, boolean read);
}
