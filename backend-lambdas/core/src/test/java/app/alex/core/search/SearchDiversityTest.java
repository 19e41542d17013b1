package app.alex.core.search;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.testing.TestKnowledgeBases;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchDiversityTest {

    /** A long document: eight paragraphs all about dividend reinvestment, several passages. */
    private static String longFiling() {
        var text = new StringBuilder();
        for (int p = 0; p < 8; p++) {
            for (int s = 0; s < 12; s++) {
                text.append("Dividend reinvestment plan shares are recorded at market value on the dividend date, paragraph ")
                        .append(p).append(" sentence ").append(s).append(". ");
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    private static KnowledgeBase knowledgeBase() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        kb.ingest(TextIngestRequest.of(longFiling(), "Long filing", "/filings/long.txt"));
        kb.ingest(TextIngestRequest.of("Our dividend reinvestment shares are taxed as income when paid.", "Tax note",
                "/notes/tax.txt"));
        kb.ingest(TextIngestRequest.of("Reinvestment of a dividend buys fractional shares.", "Broker FAQ", "/notes/faq.txt"));
        return kb;
    }

    @Test
    void oneLongDocumentDoesNotFillTheTopResultsWhenOtherDocumentsMatch() {
        KnowledgeBase kb = knowledgeBase();
        String longId = kb.search(new SearchRequest("dividend", 1, new SearchFilter(null, null, "/filings/long.txt", null, null),
                SearchMode.SEMANTIC)).results()
                .getFirst().documentId();
        assertThat(kb.chunks(longId)).as("the long filing has many passages").hasSizeGreaterThan(4);

        List<SearchHit> top = kb.search(SearchRequest.of("dividend reinvestment shares", 4)).results();

        assertThat(top).hasSize(4);
        assertThat(top).extracting(SearchHit::title).contains("Tax note", "Broker FAQ");
        assertThat(top.stream().filter(h -> h.title().equals("Long filing")).count()).isEqualTo(SearchService.PER_DOCUMENT);
    }

    @Test
    void whenFewDocumentsMatchTheirFurtherPassagesStillFillTheList() {
        List<SearchHit> top = knowledgeBase().search(SearchRequest.of("dividend reinvestment shares", 8)).results();

        assertThat(top).hasSize(8);
        assertThat(top.subList(0, 4)).extracting(SearchHit::title).contains("Tax note", "Broker FAQ");
    }

    @Test
    void aSearchNarrowedToOneSourceIsInPureRankOrder() {
        var narrowed = new SearchFilter(null, null, "/filings/long.txt", null, null);

        List<SearchHit> top = knowledgeBase().search(new SearchRequest("dividend reinvestment shares", 4, narrowed,
                SearchMode.HYBRID)).results();

        assertThat(top).hasSize(4).extracting(SearchHit::title).containsOnly("Long filing");
    }
}
