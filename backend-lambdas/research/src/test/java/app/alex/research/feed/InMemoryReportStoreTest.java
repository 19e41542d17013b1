package app.alex.research.feed;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.research.Citation;
import app.alex.core.research.ResearchReport;
import app.alex.core.testing.TestKnowledgeBases;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report store's contract over the in-memory knowledge base, and the size budget of a stored report. */
class InMemoryReportStoreTest extends ReportStoreContract {
    @Override
    protected KnowledgeBase newKnowledgeBase() {
        return TestKnowledgeBases.inMemory();
    }

    @Test
    void aReportTooLargeEvenWithoutQuotesIsRefusedWithAReasonAndNothingIsStored() {
        var random = new java.util.Random(11);
        var noise = new StringBuilder("# Huge\n\n");
        for (int i = 0; i < 60_000; i++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        var huge = new ResearchReport("research-huge", "topic", "Huge", noise.toString(), List.of(),
                Instant.parse("2026-11-28T08:00:00Z"), "m", false, ResearchReport.Trigger.MANUAL, List.of(), false);
        var store = new KnowledgeBaseReportStore(kb);

        assertThatThrownBy(() -> store.save(huge)).hasMessageContaining("too long to store").hasMessageContaining("narrower topic");
        assertThat(store.get("research-huge")).isEmpty();
    }

    @Test
    void aFeedPageOfLongReportsIsCutShortWithACursorSoItFitsOneLambdaResponse() {
        var store = new KnowledgeBaseReportStore(kb);
        String longText = "# Long\n\n" + "Copper demand rose on grid investment. ".repeat(2_500);
        for (int i = 0; i < 60; i++) {
            store.save(new ResearchReport("research-long-" + i, "copper", "Long " + i, longText, List.of(),
                    Instant.parse("2026-11-28T08:00:00Z").plusSeconds(i), "m", false, ResearchReport.Trigger.MANUAL, List.of(), false));
        }

        var first = store.page(new app.alex.core.research.FeedQuery(null, false, null, 60));
        var rest = store.page(new app.alex.core.research.FeedQuery(null, false, first.nextCursor(), 60));

        long firstBytes = first.reports().stream().mapToLong(r -> r.markdown().length()).sum();
        assertThat(first.reports()).hasSizeLessThan(60);
        assertThat(firstBytes).isLessThanOrEqualTo(KnowledgeBaseReportStore.MAX_PAGE_BYTES);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(first.reports().size() + rest.reports().size()).isEqualTo(60);
    }

    @Test
    void aFeedOfMoreReportsThanOneListingPageCountsAndPagesThemAll() {
        var store = new KnowledgeBaseReportStore(kb);
        for (int i = 0; i < 130; i++) {
            store.save(new ResearchReport(String.format("research-%03d", i), "copper", "Report " + i, "# Report " + i + "\n\nCopper.\n",
                    List.of(), Instant.parse("2026-11-28T08:00:00Z").plusSeconds(i), "m", false, ResearchReport.Trigger.MANUAL,
                    List.of(), false));
        }

        var first = store.page(new app.alex.core.research.FeedQuery(null, false, null, 200));

        assertThat(first.reports()).hasSize(130);
        assertThat(first.unread()).isEqualTo(130);
        assertThat(first.reports().getFirst().id()).isEqualTo("research-129");
        assertThat(first.nextCursor()).isNull();
    }
}
