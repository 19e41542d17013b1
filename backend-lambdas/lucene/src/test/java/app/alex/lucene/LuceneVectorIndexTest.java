package app.alex.lucene;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.index.IndexInUseException;
import app.alex.core.index.VectorIndex;
import app.alex.core.index.VectorIndexContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VectorIndex contract on Lucene, plus what only an on-disk index has: reopening, locking, damage. */
class LuceneVectorIndexTest extends VectorIndexContract {
    @TempDir
    Path dir;

    @Override
    protected VectorIndex newIndex() {
        return LuceneVectorIndex.open(dir.resolve("index"), 384);
    }

    @Test
    void aKeywordSearchMatchesTheSectionHeadingAsWellAsThePassage() {
        var d = doc("f", DocumentType.DOCUMENT, List.of(), "/f.htm", Instant.now(), 2);
        var chunks = List.of(
                new ChunkRecord("f", 0, "Component shortages could hurt results.", 0, 0, 39, 8,
                        "Item 1A. Risk Factors"),
                new ChunkRecord("f", 1, "The Company leases offices in Cupertino.", 0, 40, 80, 8, "Item 2. Properties"));
        index.upsert(d, chunks, embedder.embed(chunks.stream().map(ChunkRecord::text).toList()));

        var hits = search("risk factors", 2, null, app.alex.core.search.SearchMode.KEYWORD);

        assertThat(hits).extracting(h -> h.chunk().index()).containsExactly(0);
    }

    @Test
    void aTitlesPeriodAbbreviationsAreFoundByTheWordsAQuestionUses() {
        assertThat(LuceneVectorIndex.readablePeriods("Apple Inc. 10-Q Q3 FY2025"))
                .isEqualTo("Apple Inc. 10-Q third quarter Q3 fiscal year 2025 FY2025");
        assertThat(LuceneVectorIndex.readablePeriods("Copper note")).isEqualTo("Copper note");
    }

    @Test
    void compactingMergesEverythingIntoOneSegmentAndLosesNothing() {
        for (int i = 0; i < 12; i++) {
            store(doc("d" + i, DocumentType.DOCUMENT, List.of(), "/d" + i, Instant.now(), 1), "passage number " + i);
        }
        var lucene = (LuceneVectorIndex) index;
        assertThat(lucene.segmentCount()).isGreaterThan(1);

        index.compact();

        assertThat(lucene.segmentCount()).isEqualTo(1);
        assertThat(index.stats().documents()).isEqualTo(12);
        assertThat(search("passage number 7", 1, null, app.alex.core.search.SearchMode.KEYWORD).getFirst().chunk().documentId())
                .isEqualTo("d7");
    }

    @Test
    void aNarrowFilterStillFindsItsMatchesWhenNoneAreAmongTheUnfilteredCandidates() {
        index.close();
        // 5 candidates: the unfiltered search sees only the 5 nearest chunks, none of them a note
        index = LuceneVectorIndex.open(dir.resolve("narrow"), 384, new Tuning(Tuning.Vectors.FLOAT32, 5));
        for (int i = 0; i < 30; i++) {
            store(doc("d" + i, DocumentType.DOCUMENT, List.of(), "/d" + i, Instant.now(), 1), "dividends reinvested " + i);
        }
        store(doc("n1", DocumentType.NOTE, List.of(), "/n1", Instant.now(), 1), "oil production quotas");
        store(doc("n2", DocumentType.NOTE, List.of(), "/n2", Instant.now(), 1), "refinery margins widen");
        var notesOnly = new app.alex.core.search.SearchFilter(java.util.Set.of(DocumentType.NOTE), null, null, null, null);

        var broad = search("dividends reinvested", 3, null, app.alex.core.search.SearchMode.SEMANTIC);
        var narrow = search("dividends reinvested", 3, notesOnly, app.alex.core.search.SearchMode.SEMANTIC);

        assertThat(broad).extracting(hit -> hit.document().type()).containsOnly(DocumentType.DOCUMENT);
        assertThat(narrow).extracting(hit -> hit.chunk().documentId()).containsExactlyInAnyOrder("n1", "n2");
    }

    @Test
    void everyHybridResultCarriesItsExactCosineToTheQueryEvenWhenOnlyTheKeywordRankingFoundIt() {
        // 60 passages that mean roughly the query, so the semantic ranking is full before it reaches the
        // one passage that only shares a rare word with the query.
        for (int i = 0; i < 60; i++) {
            store(doc("d" + i, DocumentType.DOCUMENT, List.of(), "/d" + i, Instant.now(), 1),
                    "dividends reinvested quarterly number " + i);
        }
        store(doc("rare", DocumentType.DOCUMENT, List.of(), "/rare", Instant.now(), 1),
                "zyxwv appears once in an otherwise unrelated passage about shipping lanes and weather");
        String query = "dividends reinvested zyxwv";
        float[] q = embedder.embed(query);

        var hybrid = search(query, 100, null, app.alex.core.search.SearchMode.HYBRID);

        assertThat(hybrid).extracting(hit -> hit.chunk().documentId()).contains("rare");
        for (var hit : hybrid) {
            double exact = app.alex.core.embed.Vectors.dot(q, embedder.embed(hit.chunk().text()));
            assertThat(hit.cosine()).as(hit.chunk().documentId()).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5));
        }
        // Keyword search without a query vector compares no meaning: no cosine to report.
        assertThat(index.search(new app.alex.core.index.IndexQuery(null, query, 5, null, app.alex.core.search.SearchMode.KEYWORD)))
                .isNotEmpty().allMatch(hit -> Double.isNaN(hit.cosine()));
    }

    @Test
    void documentsSurviveClosingAndReopening() {
        store(doc("a", DocumentType.DOCUMENT, List.of(), "/a", Instant.now(), 1), "persisted passage");
        index.close();

        index = newIndex();

        assertThat(index.chunks("a")).extracting(ChunkRecord::text).containsExactly("persisted passage");
    }

    @Test
    void aSecondOpenOfTheSameFolderIsRefusedAsInUse() {
        assertThatThrownBy(() -> LuceneVectorIndex.open(dir.resolve("index"), 384))
                .isInstanceOf(IndexInUseException.class).hasMessageContaining("in use by another process");
    }

    @Test
    void anIndexBuiltForAnotherDimensionIsRefused() {
        store(doc("a", DocumentType.DOCUMENT, List.of(), "/a", Instant.now(), 1), "text");
        index.close();

        assertThatThrownBy(() -> LuceneVectorIndex.open(dir.resolve("index"), 768))
                .isInstanceOf(AlexException.class).hasMessageContaining("384");
        index = newIndex();
    }

    @Test
    void aDamagedIndexGivesAClearErrorAndIsLeftUntouched() throws Exception {
        store(doc("a", DocumentType.DOCUMENT, List.of(), "/a", Instant.now(), 1), "text");
        index.close();
        Path segments;
        try (var files = Files.list(dir.resolve("index"))) {
            segments = files.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(segments);
        Files.write(segments, java.util.Arrays.copyOf(original, original.length / 2));

        assertThatThrownBy(() -> LuceneVectorIndex.open(dir.resolve("index"), 384))
                .isInstanceOf(AlexException.class).hasMessageContaining("damaged");
        assertThat(Files.size(segments)).isEqualTo(original.length / 2);
        Files.write(segments, original);
        index = newIndex();
        assertThat(index.document("a")).isPresent();
    }

}
