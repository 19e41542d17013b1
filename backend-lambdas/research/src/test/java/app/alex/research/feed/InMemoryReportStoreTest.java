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
}
