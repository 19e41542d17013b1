package app.alex.research.schedule;

import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.research.feed.ReportStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses what scheduled research is about: the watchlist topic researched longest ago (never
 * researched comes first), so a topic researched within the last interval is skipped while any
 * other is waiting; with no watchlist, a
 * rotation of broad market themes. Stateless: the feed itself is the memory, so the cloud (where
 * each Lambda invocation starts fresh) and the desktop rotate the same way.
 */
public final class TopicPicker {
    public static final List<String> DEFAULT_THEMES = List.of(
            "Semiconductor and AI data-center demand",
            "Interest rates, inflation and central bank policy",
            "Energy prices and the energy transition",
            "Consumer spending and retail trends",
            "Bank earnings, credit quality and lending",
            "Big Tech earnings and cloud growth",
            "Healthcare and pharmaceutical pipelines",
            "Emerging markets and currency moves");

    private final ReportStore store;

    public TopicPicker(ReportStore store) {
        this.store = store;
    }

    /** When {@code topic} (in any case) was last researched, if ever. */
    public java.util.Optional<Instant> lastResearched(String topic) {
        return java.util.Optional.ofNullable(lastRuns().get(topic.strip().toLowerCase(Locale.ROOT)));
    }

    public String next(List<String> watchlist) {
        List<String> topics = watchlist == null || watchlist.stream().allMatch(String::isBlank) ? DEFAULT_THEMES
                : watchlist.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        Map<String, Instant> last = lastRuns();
        String oldest = null;
        Instant oldestTime = null;
        for (String topic : topics) {
            Instant at = last.get(topic.toLowerCase(Locale.ROOT));
            if (at == null) {
                return topic;
            }
            if (oldestTime == null || at.isBefore(oldestTime)) {
                oldest = topic;
                oldestTime = at;
            }
        }
        // Every topic has been researched: the one researched longest ago is due, even when that was
        // within the interval (a watchlist shorter than a day's slots still gets fresh research).
        return oldest;
    }

    private Map<String, Instant> lastRuns() {
        Map<String, Instant> last = new HashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = store.page(new FeedQuery(null, false, cursor, 200));
            for (ResearchReport r : page.reports()) {
                last.merge(r.topic().toLowerCase(Locale.ROOT), r.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 10);
        return last;
    }
}
