package app.alex.research.feed;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.Citation;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every knowledge base must do for the research feed kept in it: a report comes back exactly
 * as it was saved (every field, citations with their document ids, passages and pages, the read
 * state), read state survives a new store over the same knowledge base, pages are newest first.
 * Runs over the in-memory knowledge base here, over the embedded Lucene one and over the cloud's
 * S3 Vectors + SageMaker adapters (against their fakes) in the modules that have them.
 */
public abstract class ReportStoreContract {
    protected KnowledgeBase kb;

    /** A fresh, empty knowledge base. */
    protected abstract KnowledgeBase newKnowledgeBase() throws Exception;

    /** The same knowledge base opened again (a restart; the old instance may be closed); by default the very same instance. */
    protected KnowledgeBase reopen(KnowledgeBase knowledgeBase) throws Exception {
        return knowledgeBase;
    }

    protected void closeKnowledgeBase() throws Exception {
        kb.close();
    }

    @BeforeEach
    void openContractKnowledgeBase() throws Exception {
        kb = newKnowledgeBase();
    }

    @AfterEach
    void closeContractKnowledgeBase() throws Exception {
        closeKnowledgeBase();
    }

    /** A report with every field set to something a default would not give. */
    public static ResearchReport everyField(String id, String passageDocument, Instant createdAt) {
        return new ResearchReport(id, "NVIDIA data-center revenue $NVDA", "NVIDIA: data-center revenue keeps compounding",
                """
                # NVIDIA: data-center revenue keeps compounding

                ## Summary

                Data-center revenue grew **112 percent** [1], while export rules are a *risk* [2].

                ## Sources

                1. NVDA 10-Q - nvda.pdf (knowledge base, page 3, passage 5)
                2. [Export rules](https://example.com/export?a=1&b=%C3%A9) (web page)
                """,
                List.of(new Citation(1, Citation.Kind.PASSAGE, passageDocument, 4, 3, "NVDA 10-Q", "/filings/nvda.pdf",
                                "Data-center revenue was $30.8 billion, up 112% \"year over year\"."),
                        new Citation(2, Citation.Kind.WEB, null, -1, 0, "Export rules", "https://example.com/export?a=1&b=%C3%A9",
                                "New export rules apply to accelerators — ünïcode included.")),
                createdAt, "openai.gpt-oss-120b-1:0", false, ResearchReport.Trigger.SCHEDULED, List.of("NVDA", "TSM"), true);
    }

    protected static ResearchReport simple(int n, String topic, List<String> tickers) {
        return new ResearchReport("research-" + n, topic, "Title " + n, "# Title " + n + "\n\nAbout " + topic + ".\n",
                List.of(new Citation(1, Citation.Kind.WEB, null, -1, "Page", "https://example.com", "q")),
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * n), "extractive", true,
                ResearchReport.Trigger.MANUAL, tickers, false);
    }

    @Test
    void aSavedReportComesBackExactlyEveryFieldAndItsCitationsOpenTheirDocument() throws Exception {
        var source = kb.ingest(TextIngestRequest.of("Data-center revenue was $30.8 billion, up 112% year over year.",
                "NVDA 10-Q", "/filings/nvda.pdf"));
        ResearchReport report = everyField("research-20261128-080000-abcd1234", source.documentId(),
                Instant.parse("2026-11-28T08:00:00.123456789Z"));
        var store = new KnowledgeBaseReportStore(kb);

        ResearchReport saved = store.save(report);

        assertThat(saved).isEqualTo(report);
        assertThat(store.get(report.id())).contains(report);
        assertThat(store.page(FeedQuery.latest(10)).reports()).containsExactly(report);
        kb = reopen(kb);
        var reopened = new KnowledgeBaseReportStore(kb);
        assertThat(reopened.get(report.id())).as("after a restart").contains(report);
        Citation passage = reopened.get(report.id()).orElseThrow().citations().getFirst();
        assertThat(kb.document(passage.documentId()).title()).isEqualTo("NVDA 10-Q");
    }

    @Test
    void theReportIsSearchableByItsWordsAndItsPassagesHoldNoMarkdownMarkup() {
        var store = new KnowledgeBaseReportStore(kb);
        ResearchReport report = everyField("research-1", "some-document", Instant.parse("2026-11-28T08:00:00Z"));
        store.save(report);

        List<ChunkRecord> passages = kb.chunks(report.id());
        String text = String.join(" ", passages.stream().map(ChunkRecord::text).toList());
        assertThat(text).contains("Data-center revenue grew 112 percent [1]").doesNotContain("##").doesNotContain("**");
        assertThat(kb.document(report.id()).type()).isEqualTo(DocumentType.RESEARCH);
        var hits = kb.search(new SearchRequest("data-center revenue grew", 5,
                new SearchFilter(EnumSet.of(DocumentType.RESEARCH), Set.of(), null, null, null), SearchMode.SEMANTIC)).results();
        assertThat(hits).extracting(h -> h.documentId()).contains(report.id());
    }

    @Test
    void readStateIsKeptWithTheReportAndSurvivesARestart() throws Exception {
        var store = new KnowledgeBaseReportStore(kb);
        store.save(simple(1, "NVIDIA data-center revenue", List.of("NVDA")));
        store.save(simple(2, "Copper demand", List.of()));

        assertThat(store.markRead("research-1", true)).isTrue();
        assertThat(store.markRead("research-missing", true)).isFalse();

        kb = reopen(kb);
        var reopened = new KnowledgeBaseReportStore(kb);
        assertThat(reopened.get("research-1").orElseThrow().read()).isTrue();
        FeedPage unread = reopened.page(new FeedQuery(null, true, null, 10));
        assertThat(unread.reports()).extracting(ResearchReport::id).containsExactly("research-2");
        assertThat(unread.unread()).isEqualTo(1);
        assertThat(reopened.page(new FeedQuery("nvda", false, null, 10)).reports()).extracting(ResearchReport::id)
                .containsExactly("research-1");
        assertThat(reopened.page(new FeedQuery("copper", false, null, 10)).reports()).hasSize(1);
        assertThat(reopened.markRead("research-1", false)).isTrue();
        kb = reopen(kb);
        assertThat(new KnowledgeBaseReportStore(kb).page(FeedQuery.latest(10)).unread()).isEqualTo(2);
    }

    @Test
    void pagesComeNewestFirstWithCursorsAndEveryReportOnce() {
        var store = new KnowledgeBaseReportStore(kb);
        for (int i = 1; i <= 7; i++) {
            store.save(simple(i, "topic " + i, List.of()));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = store.page(new FeedQuery(null, false, cursor, 3));
            assertThat(page.reports().size()).isLessThanOrEqualTo(3);
            page.reports().forEach(r -> seen.add(r.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("research-7", "research-6", "research-5", "research-4", "research-3",
                "research-2", "research-1");
    }

    static ResearchReport withSources(int count, int quoteChars, int markdownChars) {
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
        // The longest topic research accepts, and a long title: the record holds them beside the report.
        return new ResearchReport("research-big", "t".repeat(500), "Big " + "title ".repeat(50), "# Big\n\n" + "word ".repeat(markdownChars / 5), citations,
                Instant.parse("2026-11-28T08:00:00Z"), "m", false, ResearchReport.Trigger.MANUAL, List.of(), false);
    }

    @Test
    void aReportWithManyLongQuotesIsStoredWithShorterQuotesAndEverythingElseWholeWithinTheIndexLimits() {
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
    void researchDocumentsStoredWithoutAReportAreSearchableButNotInTheFeed() {
        kb.ingest(new TextIngestRequest("seed-research", "An older note about copper written by another tool.", "Copper",
                "seed", DocumentType.RESEARCH, List.of(), null, null, null));
        var store = new KnowledgeBaseReportStore(kb);

        assertThat(store.page(FeedQuery.latest(10)).reports()).isEmpty();
        assertThat(store.get("seed-research")).isEmpty();
    }
}
