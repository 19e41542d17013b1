package app.alex.core.backend;

import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentQuery;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link KnowledgeBase} does the same way, in-process or over HTTP: the desktop and
 * the command line cannot tell them apart. Each path's test extends this class.
 */
public abstract class KnowledgeBaseContract {
    protected KnowledgeBase kb;

    /** A fresh, empty knowledge base. */
    protected abstract KnowledgeBase newKnowledgeBase() throws Exception;

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

    private TextIngestRequest note(String text, String source, List<String> tags) {
        return new TextIngestRequest(null, text, null, source, DocumentType.NOTE, tags, null, null, Map.of("desk", "equities"));
    }

    @Test
    void ingestingCreatesThenReportsUnchangedThenReplaced() {
        var first = kb.ingest(note("Margins expanded on mix.", "/n/1", List.of("nvda")));
        var same = kb.ingest(note("Margins expanded on mix.", "/n/1", List.of("nvda")));
        var changed = kb.ingest(note("Margins contracted on pricing.", "/n/1", List.of("nvda")));

        assertThat(first.status()).isEqualTo(IngestStatus.CREATED);
        assertThat(same.status()).isEqualTo(IngestStatus.UNCHANGED);
        assertThat(changed.status()).isEqualTo(IngestStatus.REPLACED);
        assertThat(changed.documentId()).isEqualTo(first.documentId());
        assertThat(kb.document(first.documentId()).attributes()).containsEntry("desk", "equities");
        assertThat(kb.document(first.documentId()).tags()).containsExactly("nvda"); // as typed; filters match it in any case
    }

    @Test
    void theSameTextWithNewAttributesIsStoredWithThemNotReportedUnchanged() {
        var first = kb.ingest(note("Margins expanded on mix.", "/n/attrs", List.of("nvda")));
        var relabelled = kb.ingest(new TextIngestRequest(null, "Margins expanded on mix.", null, "/n/attrs", DocumentType.NOTE,
                List.of("nvda"), null, null, Map.of("desk", "credit")));

        assertThat(relabelled.status()).isEqualTo(IngestStatus.REPLACED);
        assertThat(first.embeddedChunks()).as("new text is read by the model").isEqualTo(first.chunkCount()).isPositive();
        assertThat(relabelled.embeddedChunks()).as("new attributes only: the stored vectors are kept").isZero();
        assertThat(kb.document(first.documentId()).attributes()).containsEntry("desk", "credit");
        assertThat(kb.chunks(first.documentId())).extracting(c -> c.text()).containsExactly("Margins expanded on mix.");
    }

    @Test
    void searchRanksTheMatchingPassageFirstAndFiltersByTag() {
        kb.ingest(note("Reinvested dividends are recorded as new tax lots.", "/n/div", List.of("vti")));
        kb.ingest(note("The central bank held its policy rate.", "/n/rates", List.of("tlt")));

        var all = kb.search(new SearchRequest("reinvested dividends tax lots", 5, SearchFilter.NONE, SearchMode.SEMANTIC));
        var tagged = kb.search(new SearchRequest("reinvested dividends tax lots", 5,
                new SearchFilter(null, Set.of("TLT"), null, null, null), SearchMode.SEMANTIC));

        assertThat(all.results().getFirst().source()).isEqualTo("/n/div");
        assertThat(all.results().getFirst().text()).contains("tax lots");
        assertThat(tagged.results()).allSatisfy(h -> assertThat(h.source()).isEqualTo("/n/rates"));
    }

    @Test
    void aPassageTwoDocumentsHoldIsFoundOnceNamingTheOtherDocument() {
        String text = "Reinvested dividends are recorded as new tax lots.";
        kb.ingest(note(text, "/n/div", List.of("vti")));
        kb.ingest(note(text, "/n/div-copy", List.of("vti")));
        kb.ingest(note("The central bank held its policy rate.", "/n/rates", List.of("tlt")));

        var results = kb.search(new SearchRequest("reinvested dividends tax lots", 5, SearchFilter.NONE, SearchMode.SEMANTIC))
                .results();

        assertThat(results).extracting(h -> h.text()).containsOnlyOnce(text);
        var shown = results.stream().filter(h -> h.text().equals(text)).findFirst().orElseThrow();
        assertThat(List.of(shown.source(), String.join(",", shown.alsoIn())))
                .containsExactlyInAnyOrder("/n/div", "/n/div-copy");
    }

    @Test
    void listingPagesThroughEveryDocumentOnce() {
        for (int i = 0; i < 7; i++) {
            kb.ingest(note("Document " + i + " about segment revenue.", "/n/" + i, List.of()));
        }
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            var page = kb.documents(new DocumentQuery(null, cursor, 3, null));
            page.documents().forEach(d -> ids.add(d.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(ids).hasSize(7).doesNotHaveDuplicates();
        assertThat(kb.stats().documents()).isEqualTo(7);
    }

    @Test
    void deletingRemovesTheDocumentAndItsPassagesAndAMissingOneIsNotFound() {
        var stored = kb.ingest(note("Inventory build in the channel.", "/n/inv", List.of()));

        assertThat(kb.chunks(stored.documentId())).isNotEmpty();
        kb.delete(stored.documentId());

        assertThatThrownBy(() -> kb.document(stored.documentId()))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> kb.delete(stored.documentId()))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void invalidRequestsFailWithTheSameCodeAndMessage() {
        assertThatThrownBy(() -> kb.ingest(TextIngestRequest.of("   ", null, null)))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
