package app.alex.core.search;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.testing.TestKnowledgeBases;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    /** Debian's GPL is a link to GPL-3: ingested both ways, the licence's passages are each in two documents. */
    @Test
    void aPassageTwoDocumentsHoldWordForWordIsShownOnceNamingTheOtherDocument() {
        Path licences = Path.of("/usr/share/common-licenses");
        assumeTrue(Files.isRegularFile(licences.resolve("GPL-3")) && Files.isRegularFile(licences.resolve("GPL-2")),
                "needs Debian's /usr/share/common-licenses (package base-files) as the real-text corpus");
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        Path copy = licences.resolve("GPL-3");
        kb.files().ingestPaths(List.of(copy, licences.resolve("GPL-2")), IngestOptions.DEFAULTS, IngestListener.NONE);
        kb.ingest(TextIngestRequest.of(readable(copy), "GPL-3 copy", "/notes/gpl-3-copy.txt"));

        List<SearchHit> top = kb.search(SearchRequest.of("protect your rights to copy and distribute the program", 10)).results();

        assertThat(top).hasSize(10);
        assertThat(top).extracting(SearchHit::sameTextKey).as("each passage once").doesNotHaveDuplicates();
        List<SearchHit> gpl3 = top.stream().filter(hit -> !hit.source().endsWith("GPL-2")).toList();
        assertThat(gpl3).as("GPL-3's passages are among the best").isNotEmpty();
        assertThat(gpl3).as("one of the two copies shown, the other named").allSatisfy(hit ->
                assertThat(List.of(hit.source(), String.join("", hit.alsoIn())))
                        .containsExactlyInAnyOrder(copy.toString(), "/notes/gpl-3-copy.txt"));
        assertThat(top).filteredOn(hit -> hit.source().endsWith("GPL-2")).allMatch(hit -> hit.alsoIn().isEmpty());
    }

    private static String readable(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
