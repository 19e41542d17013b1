package app.alex.core.research;

import java.util.List;

/** Reports newest first; {@code nextCursor} is null on the last page. */
public record FeedPage(List<ResearchReport> reports, String nextCursor, long unread) {
    public FeedPage {
        reports = List.copyOf(reports);
    }
}
