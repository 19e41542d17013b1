package app.alex.research;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentType;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.testing.MutableClock;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.web.GuardedWebFetcher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled report says what arrived on its topic since the last one; a slot with nothing new
 * records a short, already-read note instead of the same report again, and the rotation goes on.
 */
class ScheduledNewsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
    private final KnowledgeBaseReportStore store = new KnowledgeBaseReportStore(kb);

    private ResearchService service(List<String> watchlist) {
        return new ResearchService(kb, Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()), store,
                () -> watchlist, ResearchAgent.Limits.standard(), clock, Optional.empty());
    }

    private void note(String title, String text, String... tags) {
        kb.ingest(new TextIngestRequest(null, text, title, "/notes/" + title.replace(' ', '-') + ".md", DocumentType.NOTE,
                List.of(tags), null, "text/markdown", null));
    }

    @Test
    void aSlotWithNothingNewOnItsTopicRecordsAReadNoteInsteadOfTheSameReportAgain() {
        note("NVDA supply", "NVIDIA data-center GPU supply is constrained by advanced packaging capacity at TSMC.", "NVDA");
        var service = service(List.of("NVDA data-center demand"));
        ResearchReport first = service.researchAuto(s -> { });
        assertThat(first.title()).doesNotStartWith("Nothing new");
        assertThat(first.markdown()).doesNotContain("## New since the last report");

        clock.advance(Duration.ofHours(2));
        note("Copper", "Copper inventories on the exchange fell to a two-year low as smelters cut output.", "COPPER");
        ResearchReport second = service.researchAuto(s -> { });

        assertThat(second.title()).isEqualTo("Nothing new: NVDA data-center demand");
        assertThat(second.read()).as("no unread noise in the feed").isTrue();
        assertThat(second.citations()).isEmpty();
        assertThat(second.markdown()).contains("## New since the last report (2026-12-01 08:00 UTC)")
                .contains("Nothing new on this topic: 1 document arrived, not about it.");
        assertThat(store.page(new FeedQuery(null, true, null, 10)).reports()).as("unread reports")
                .extracting(ResearchReport::id).containsExactly(first.id());
    }

    @Test
    void aScheduledReportListsTheDocumentsThatArrivedOnItsTopicSinceTheLastOne() {
        note("NVDA supply", "NVIDIA data-center GPU supply is constrained by advanced packaging capacity at TSMC.", "NVDA");
        var service = service(List.of("NVDA data-center demand"));
        service.researchAuto(s -> { });

        clock.advance(Duration.ofHours(2));
        note("NVDA orders", "Hyperscalers raised their NVIDIA data-center GPU orders for next year.", "NVDA");
        note("Copper", "Copper inventories on the exchange fell to a two-year low as smelters cut output.", "COPPER");
        ResearchReport next = service.researchAuto(s -> { });

        String md = next.markdown();
        assertThat(next.title()).doesNotStartWith("Nothing new");
        assertThat(md).contains("## New since the last report (2026-12-01 08:00 UTC)\n\n- NVDA orders (/notes/NVDA-orders.md), "
                + "ingested 2026-12-01 10:00 UTC").doesNotContain("- Copper");
        assertThat(md.indexOf("## New since the last report")).isLessThan(md.indexOf("## Sources"));
    }

    @Test
    void aManualRunIsNeverNothingNewAndAFirstScheduledRunHasNoSinceLine() {
        note("NVDA supply", "NVIDIA data-center GPU supply is constrained by advanced packaging capacity at TSMC.", "NVDA");
        var service = service(List.of("NVDA data-center demand"));
        ResearchReport scheduled = service.researchAuto(s -> { });
        clock.advance(Duration.ofHours(2));

        ResearchReport manual = service.research("NVDA data-center demand", s -> { });

        assertThat(scheduled.markdown()).doesNotContain("New since the last report");
        assertThat(manual.title()).doesNotStartWith("Nothing new");
        assertThat(manual.markdown()).doesNotContain("New since the last report");
    }
}
