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

    private static ResearchReport withSources(int count, int quoteChars, int markdownChars) {
        List<Citation> citations = new ArrayList<>();
        var random = new java.util.Random(7);
        for (int i = 1; i <= count; i++) {
            // Random letters: text that does not compress away, the worst case for the budget.
            var quote = new StringBuilder();
            for (int c = 0; c < quoteChars; c++) {
                quote.append((char) ('a' + random.nextInt(26)));
            }
            citations.add(new Citation(i, Citation.Kind.PASSAGE, "doc-" + i, i, i, "Title " + i, "/docs/" + i, quote.toString()));
        }
        return new ResearchReport("research-big", "topic", "Big", "# Big\n\n" + "word ".repeat(markdownChars / 5), citations,
                Instant.parse("2026-11-28T08:00:00Z"), "m", false, ResearchReport.Trigger.MANUAL, List.of(), false);
    }

    @Test
    void aReportWithManyLongQuotesIsStoredWithShorterQuotesAndEverythingElseWhole() {
        ResearchReport big = withSources(80, 600, 20_000);
        var store = new KnowledgeBaseReportStore(kb);

        ResearchReport saved = store.save(big);

        assertThat(StoredReport.encode(big).length()).as("too large as it is").isGreaterThan(StoredReport.MAX_ENCODED_CHARS);
        assertThat(saved.markdown()).isEqualTo(big.markdown());
        assertThat(saved.citations()).extracting(Citation::documentId)
                .containsExactlyElementsOf(big.citations().stream().map(Citation::documentId).toList());
        assertThat(saved.citations().getFirst().quote().length()).isLessThan(600);
        assertThat(store.get(big.id())).contains(saved);
        assertThat(kb.document(big.id()).attributes().get(KnowledgeBaseReportStore.REPORT_ATTRIBUTE).length())
                .isLessThanOrEqualTo(StoredReport.MAX_ENCODED_CHARS);
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
