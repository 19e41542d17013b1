package app.alex.core.index;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Vectors;
import app.alex.core.error.AlexException;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import app.alex.core.testing.HashingEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What every {@link VectorIndex} must do, whatever stores it: each adapter's test extends this
 * class and supplies a fresh, empty index. Adapters without keyword ranking (S3 Vectors) override
 * {@link #supportsKeywordRanking()}; the keyword assertions then use semantic ranking instead.
 */
public abstract class VectorIndexContract {
    protected final HashingEmbedder embedder = new HashingEmbedder();
    protected VectorIndex index;

    /** A fresh, empty index of 384 dimensions. */
    protected abstract VectorIndex newIndex() throws Exception;

    protected boolean supportsKeywordRanking() {
        return true;
    }

    private SearchMode keywordOrSemantic() {
        return supportsKeywordRanking() ? SearchMode.KEYWORD : SearchMode.SEMANTIC;
    }

    @BeforeEach
    void openContractIndex() throws Exception {
        index = newIndex();
    }

    @AfterEach
    void closeContractIndex() {
        index.close();
    }

    protected DocumentRecord doc(String id, DocumentType type, List<String> tags, String source, Instant date, int chunks) {
        return new DocumentRecord(id, "Title " + id, source, type, tags, date, date, "hash-" + id, chunks, 100,
                "text/plain", Map.of("k", "v"));
    }

    protected void store(DocumentRecord d, String... texts) {
        var chunks = new ArrayList<ChunkRecord>();
        for (int i = 0; i < texts.length; i++) {
            chunks.add(new ChunkRecord(d.id(), i, texts[i], i + 1, i * 100, i * 100 + texts[i].length(), 10));
        }
        index.upsert(d.withChunkCount(texts.length), chunks, embedder.embed(List.of(texts)));
    }

    protected List<ScoredChunk> search(String text, int k, SearchFilter filter, SearchMode mode) {
        return index.search(new IndexQuery(embedder.embed(text), text, k, filter, mode));
    }

    @Test
    void aStoredDocumentComesBackWithItsChunksInOrder() {
        var d = doc("a", DocumentType.NOTE, List.of("NVDA"), "/docs/a.txt", Instant.parse("2025-01-01T00:00:00Z"), 2);
        store(d, "first passage about revenue", "second passage about margins");

        assertThat(index.document("a")).contains(d.withChunkCount(2));
        assertThat(index.chunks("a")).extracting(ChunkRecord::text)
                .containsExactly("first passage about revenue", "second passage about margins");
        assertThat(index.chunks("a").get(1).page()).isEqualTo(2);
        assertThat(index.stats().documents()).isEqualTo(1);
        assertThat(index.stats().chunks()).isEqualTo(2);
    }

    @Test
    void aPassageKeepsItsSectionPathInStorageAndInSearchResults() {
        var d = doc("f", DocumentType.DOCUMENT, List.of("AAPL"), "/filings/aapl.htm", Instant.now(), 2);
        var chunks = List.of(
                new ChunkRecord("f", 0, "The Company depends on component suppliers in Asia.", 3, 0, 51, 12,
                        "Part I > Item 1A. Risk Factors"),
                new ChunkRecord("f", 1, "Net sales rose in every segment.", 9, 60, 92, 8,
                        "Part II > Item 7. Management's Discussion and Analysis"));
        index.upsert(d, chunks, embedder.embed(chunks.stream().map(ChunkRecord::text).toList()));

        assertThat(index.chunks("f")).isEqualTo(chunks);
        assertThat(search("suppliers in Asia", 1, null, SearchMode.SEMANTIC).getFirst().chunk().section())
                .isEqualTo("Part I > Item 1A. Risk Factors");
    }

    @Test
    void aDocumentsChunksComeBackWithTheVectorsTheyWereStoredWith() {
        var d = doc("v", DocumentType.RESEARCH, List.of("NVDA"), "alex://research/v", Instant.now(), 150);
        var chunks = new ArrayList<ChunkRecord>();
        for (int i = 0; i < 150; i++) { // more than one GetVectors call (100 keys) in the cloud
            String text = "passage " + i + " on data-centre revenue and gross margin";
            chunks.add(new ChunkRecord("v", i, text, 0, i * 60, i * 60 + text.length(), 9, i < 75 ? "" : "Outlook"));
        }
        List<float[]> vectors = embedder.embed(chunks.stream().map(ChunkRecord::text).toList());
        store(doc("other", DocumentType.NOTE, List.of(), "/o", Instant.now(), 1), "another document entirely");
        index.upsert(d, chunks, vectors);

        EmbeddedChunks stored = index.embeddedChunks("v").orElseThrow();

        assertThat(stored.chunks()).isEqualTo(chunks);
        assertThat(stored.vectors()).hasSize(150);
        for (int i = 0; i < 150; i++) {
            assertThat(stored.vectors().get(i)).as("vector %d", i).containsExactly(vectors.get(i), within(1e-7f));
        }
        assertThat(index.embeddedChunks("missing")).isEmpty();

        store(d, "the replacement passage");
        assertThat(index.embeddedChunks("v").orElseThrow().vectors()).singleElement()
                .satisfies(v -> assertThat(v).containsExactly(embedder.embed("the replacement passage"), within(1e-7f)));
        index.delete("v");
        assertThat(index.embeddedChunks("v")).isEmpty();
    }

    @Test
    void semanticScoresAreCosineSimilarities() {
        store(doc("a", DocumentType.DOCUMENT, List.of(), "", Instant.now(), 1), "dividends reinvested lots");
        float[] query = embedder.embed("dividends reinvested");

        var hits = index.search(new IndexQuery(query, "dividends reinvested", 1, null, SearchMode.SEMANTIC));

        double expected = Vectors.cosine(query, embedder.embed("dividends reinvested lots"));
        assertThat(hits.getFirst().score()).isCloseTo(expected, within(1e-4));
    }

    @Test
    void replacingADocumentRemovesItsOldChunks() {
        var d = doc("a", DocumentType.DOCUMENT, List.of(), "/a", Instant.now(), 3);
        store(d, "old one", "old two", "old three");
        store(d, "new only");

        assertThat(index.chunks("a")).extracting(ChunkRecord::text).containsExactly("new only");
        assertThat(index.stats().chunks()).isEqualTo(1);
        assertThat(search("old", 10, null, keywordOrSemantic())).noneMatch(h -> h.chunk().text().startsWith("old"));
    }

    @Test
    void deletingRemovesEverythingAndReportsWhetherThereWasADocument() {
        store(doc("a", DocumentType.DOCUMENT, List.of(), "/a", Instant.now(), 1), "text");

        assertThat(index.delete("a")).isTrue();
        assertThat(index.delete("a")).isFalse();
        assertThat(index.document("a")).isEmpty();
        assertThat(index.stats().chunks()).isZero();
    }

    @Test
    void everyFilterGivesTheSameResultsAsBruteForceOverTheReferenceSemantics() {
        var random = new Random(7);
        var docs = new ArrayList<DocumentRecord>();
        String[] words = {"revenue", "margin", "guidance", "dividend", "inventory", "rates", "supply", "demand"};
        for (int i = 0; i < 40; i++) {
            var d = doc("d" + i, DocumentType.values()[i % 3], List.of(i % 2 == 0 ? "NVDA" : "AAPL", "T" + (i % 5)),
                    (i % 4 == 0 ? "/filings/" : "https://news/") + i, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86400L * i), 2);
            docs.add(d);
            store(d, words[random.nextInt(8)] + " " + words[random.nextInt(8)], words[random.nextInt(8)] + " growth");
        }
        var filters = List.of(
                new SearchFilter(Set.of(DocumentType.NOTE), null, null, null, null),
                new SearchFilter(null, Set.of("nvda", "t3"), null, null, null),
                new SearchFilter(null, null, "/filings/", null, null),
                new SearchFilter(null, null, null, Instant.parse("2025-01-10T00:00:00Z"), Instant.parse("2025-01-20T00:00:00Z")),
                new SearchFilter(Set.of(DocumentType.DOCUMENT, DocumentType.RESEARCH), Set.of("AAPL"), "https://", null, null));
        for (SearchFilter filter : filters) {
            Set<String> expected = new HashSet<>();
            docs.stream().filter(filter::matches).forEach(d -> expected.add(d.id()));
            for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
                var hits = search("revenue growth", 100, filter, mode);
                Set<String> found = new HashSet<>();
                hits.forEach(h -> found.add(h.document().id()));
                assertThat(found).as(filter + " " + mode).isEqualTo(expected);
            }
            Set<String> listed = new HashSet<>();
            index.list(new DocumentQuery(filter, null, 1000, null)).documents().forEach(d -> listed.add(d.id()));
            assertThat(listed).as("listing " + filter).isEqualTo(expected);
        }
    }

    @Test
    void topKIsHonouredUnderAFilter() {
        for (int i = 0; i < 30; i++) {
            store(doc("d" + i, i < 25 ? DocumentType.DOCUMENT : DocumentType.NOTE, List.of(), "/x", Instant.now(), 1),
                    "passage about revenue number " + i);
        }

        var hits = search("revenue", 3, new SearchFilter(Set.of(DocumentType.NOTE), null, null, null, null), SearchMode.SEMANTIC);

        assertThat(hits).hasSize(3).allSatisfy(h -> assertThat(h.document().type()).isEqualTo(DocumentType.NOTE));
    }

    @Test
    void hybridFindsBothAnExactRareTermAndAMeaningMatch() {
        store(doc("rare", DocumentType.DOCUMENT, List.of(), "/r", Instant.now(), 1), "the XJ-9000 covenant waiver clause");
        for (int i = 0; i < 20; i++) {
            store(doc("f" + i, DocumentType.DOCUMENT, List.of(), "/f", Instant.now(), 1), "filler about weather and sports " + i);
        }

        var keyword = search("XJ-9000", 3, null, keywordOrSemantic());
        var hybrid = search("XJ-9000 waiver", 3, null, SearchMode.HYBRID);

        assertThat(keyword.getFirst().document().id()).isEqualTo("rare");
        assertThat(hybrid.getFirst().document().id()).isEqualTo("rare");
    }

    @Test
    void listingPagesWithCursorsReturnsEveryDocumentOnceNewestFirst() {
        for (int i = 0; i < 23; i++) {
            store(doc("d" + i, DocumentType.DOCUMENT, List.of(), "/x", Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i), 1), "t" + i);
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page = index.list(new DocumentQuery(null, cursor, 5, DocumentQuery.Sort.NEWEST_INGESTED));
            page.documents().forEach(d -> seen.add(d.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        assertThat(seen.getFirst()).isEqualTo("d22");
        assertThatThrownBy(() -> index.list(new DocumentQuery(null, "garbage!", 5, null)))
                .isInstanceOf(AlexException.class).hasMessageContaining("cursor");
    }

    @Test
    void concurrentSearchesNeverSeeAMixedOrMissingVersionDuringReplacement() throws Exception {
        var d = doc("a", DocumentType.DOCUMENT, List.of(), "/a", Instant.now(), 3);
        store(d, "version 0 alpha", "version 0 beta", "version 0 gamma");
        var stop = new AtomicBoolean();
        var problems = new ArrayList<String>();
        var reader = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                var hits = search("version alpha beta gamma", 10, null, keywordOrSemantic());
                var versions = new HashSet<String>();
                hits.forEach(h -> versions.add(h.chunk().text().split(" ")[1]));
                if (hits.size() != 3 || versions.size() != 1) {
                    synchronized (problems) {
                        problems.add(hits.size() + " hits, versions " + versions);
                    }
                }
            }
        });
        for (int v = 1; v <= 30; v++) {
            store(d, "version " + v + " alpha", "version " + v + " beta", "version " + v + " gamma");
        }
        stop.set(true);
        reader.get();

        assertThat(problems).isEmpty();
    }
}
