package app.alex.research.feed;

import app.alex.core.research.Citation;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileReportStoreTest {
    @TempDir
    Path dir;

    private static ResearchReport report(int n, String topic, List<String> tickers) {
        return new ResearchReport("research-" + n, topic, "Title " + n, "# Title " + n + "\n",
                List.of(new Citation(1, Citation.Kind.WEB, null, -1, "Page", "https://example.com", "q")),
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * n), "extractive", true,
                ResearchReport.Trigger.SCHEDULED, tickers, false);
    }

    @Test
    void pagesComeNewestFirstWithCursorsAndEveryReportOnce() {
        var store = new FileReportStore(dir);
        for (int i = 1; i <= 7; i++) {
            store.save(report(i, "topic " + i, List.of()));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = store.page(new FeedQuery(null, false, cursor, 3));
            page.reports().forEach(r -> seen.add(r.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("research-7", "research-6", "research-5", "research-4", "research-3",
                "research-2", "research-1");
    }

    @Test
    void filtersByTopicOrTickerAndUnreadStateSurvivesAReopen() {
        var store = new FileReportStore(dir);
        store.save(report(1, "NVIDIA data-center revenue", List.of("NVDA")));
        store.save(report(2, "Copper demand", List.of()));
        assertThat(store.markRead("research-1", true)).isTrue();
        assertThat(store.markRead("missing", true)).isFalse();

        var reopened = new FileReportStore(dir);
        assertThat(reopened.page(new FeedQuery("nvda", false, null, 10)).reports()).extracting(ResearchReport::id)
                .containsExactly("research-1");
        assertThat(reopened.page(new FeedQuery("copper", false, null, 10)).reports()).hasSize(1);
        var unread = reopened.page(new FeedQuery(null, true, null, 10));
        assertThat(unread.reports()).extracting(ResearchReport::id).containsExactly("research-2");
        assertThat(unread.unread()).isEqualTo(1);
        assertThat(reopened.get("research-1").orElseThrow().citations()).hasSize(1);
    }

    @Test
    void theSchedulesStateAndOtherJsonFilesBesideTheFeedNeverBreakItsOpening() throws Exception {
        var store = new FileReportStore(dir);
        store.save(report(1, "ok", List.of()));
        var scheduler = new app.alex.research.schedule.ResearchScheduler(dir.resolve(app.alex.research.schedule.ResearchScheduler.STATE_FILE),
                java.time.Clock.systemUTC(), java.time.Duration.ofHours(2), true, () -> "ran");
        scheduler.runNow();
        Files.writeString(dir.resolve("notes.json"), "{\"lastRun\": \"2026-11-28T08:00:00Z\"}");

        var reopened = new FileReportStore(dir);

        assertThat(reopened.page(FeedQuery.latest(10)).reports()).extracting(ResearchReport::id).containsExactly("research-1");
        assertThat(reopened.unreadable()).containsExactly("notes.json");
    }

    @Test
    void aDamagedReportFileIsSetAsideAndTheOthersStillLoad() throws Exception {
        var store = new FileReportStore(dir);
        store.save(report(1, "ok", List.of()));
        Files.writeString(dir.resolve("research-2.json"), "{ truncated");

        var reopened = new FileReportStore(dir);

        assertThat(reopened.page(FeedQuery.latest(10)).reports()).extracting(ResearchReport::id).containsExactly("research-1");
        assertThat(reopened.unreadable()).containsExactly("research-2.json");
        assertThat(dir.resolve("research-2.json")).exists();
    }
}
