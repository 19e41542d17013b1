package app.alex.lucene;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Vectors;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.ScoredChunk;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filtered semantic search on a small index of random vectors: every strategy (the exact scan, Lucene's
 * filtered graph search, post-filtering, and the choice by selectivity) returns the top k that brute
 * force over the passing vectors returns, for a narrow filter, a wide one and one nothing passes; and
 * the exact scan never returns a deleted or replaced chunk (Lucene keeps them in the segment until a merge).
 */
class FilteredSearchVectorIndexTest {
    static final int DIM = 384;
    static final int DOCS = 40;
    static final int PER_DOC = 15;

    @TempDir
    Path dir;
    LuceneVectorIndex index;
    final Random random = new Random(11);
    /** chunk key (doc id + "#" + chunk index) to its vector, for the live chunks only. */
    final Map<String, float[]> live = new HashMap<>();
    final Map<String, DocumentRecord> documents = new HashMap<>();

    @BeforeEach
    void build() {
        index = LuceneVectorIndex.open(dir.resolve("index"), DIM);
        for (int d = 0; d < DOCS; d++) {
            // tag "rare" on 2 of 40 documents (5%), "half" on every second one
            List<String> tags = d % 20 == 3 ? List.of("rare", "half") : d % 2 == 0 ? List.of("half") : List.of();
            store(new DocumentRecord("d" + d, "Doc " + d, "/f/" + d, d % 4 == 0 ? DocumentType.NOTE : DocumentType.DOCUMENT,
                    tags, Instant.EPOCH, Instant.EPOCH, "h", PER_DOC, 0, "text/plain", Map.of()), "v");
        }
    }

    @AfterEach
    void close() {
        index.close();
    }

    private void store(DocumentRecord d, String marker) {
        var chunks = new ArrayList<ChunkRecord>();
        var vectors = new ArrayList<float[]>();
        live.keySet().removeIf(key -> key.startsWith(d.id() + "#"));
        for (int c = 0; c < PER_DOC; c++) {
            chunks.add(new ChunkRecord(d.id(), c, marker + " " + d.id() + " " + c, 0, 0, 1, 1));
            float[] v = randomUnit();
            vectors.add(v);
            live.put(d.id() + "#" + c, v);
        }
        documents.put(d.id(), d);
        index.upsert(d, chunks, vectors);
    }

    private float[] randomUnit() {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    private List<String> bruteForce(float[] query, SearchFilter filter, int k) {
        return live.entrySet().stream()
                .filter(e -> filter.matches(documents.get(e.getKey().substring(0, e.getKey().indexOf('#')))))
                .sorted(Comparator.comparingDouble((Map.Entry<String, float[]> e) -> -Vectors.dot(query, e.getValue())))
                .limit(k).map(Map.Entry::getKey).toList();
    }

    private List<String> search(LuceneVectorIndex.FilterPlan plan, float[] query, SearchFilter filter, int k) {
        index.force(plan);
        List<ScoredChunk> hits = index.search(new IndexQuery(query, "q", k, filter, SearchMode.SEMANTIC));
        assertThat(hits).extracting(ScoredChunk::score).isSortedAccordingTo(Comparator.reverseOrder());
        return hits.stream().map(h -> h.chunk().key()).toList();
    }

    private static SearchFilter tag(String tag) {
        return new SearchFilter(null, Set.of(tag), null, null, null);
    }

    @Test
    void everyStrategyGivesTheBruteForceTopKForNarrowWideAndEmptyFilters() {
        var filters = List.of(tag("rare"), tag("half"), new SearchFilter(Set.of(DocumentType.DOCUMENT), null, null, null, null),
                new SearchFilter(Set.of(DocumentType.NOTE), Set.of("rare"), "/f/", null, null), tag("nobody"),
                new SearchFilter(null, null, "/nowhere/", null, null));
        for (int q = 0; q < 5; q++) {
            float[] query = randomUnit();
            for (SearchFilter filter : filters) {
                List<String> expected = bruteForce(query, filter, 10);
                for (LuceneVectorIndex.FilterPlan plan : LuceneVectorIndex.FilterPlan.values()) {
                    assertThat(search(plan, query, filter, 10)).as(plan + " " + filter).containsExactlyInAnyOrderElementsOf(expected);
                }
            }
        }
    }

    @Test
    void theExactPathReturnsTheSameCosinesAsTheGraphPath() {
        float[] query = randomUnit();
        index.force(LuceneVectorIndex.FilterPlan.EXACT);
        var exact = index.search(new IndexQuery(query, "q", 5, tag("half"), SearchMode.SEMANTIC));
        index.force(LuceneVectorIndex.FilterPlan.GRAPH);
        var graph = index.search(new IndexQuery(query, "q", 5, tag("half"), SearchMode.SEMANTIC));
        assertThat(exact).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(exact.get(i).chunk().key()).isEqualTo(graph.get(i).chunk().key());
            assertThat(exact.get(i).cosine()).isCloseTo(graph.get(i).cosine(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(exact.get(i).cosine()).isCloseTo(Vectors.dot(query, live.get(exact.get(i).chunk().key())),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void deletedAndReplacedChunksNeverShowUpInTheExactPath() {
        float[] query = randomUnit();
        // d3 carries "rare"; replace it (new vectors, marker "new") and delete d23, the other "rare" document
        DocumentRecord d3 = documents.get("d3");
        store(d3, "new");
        index.delete("d23");
        documents.remove("d23");
        live.keySet().removeIf(key -> key.startsWith("d23#"));

        for (var plan : List.of(LuceneVectorIndex.FilterPlan.EXACT, LuceneVectorIndex.FilterPlan.AUTO)) {
            index.force(plan);
            List<ScoredChunk> hits = index.search(new IndexQuery(query, "q", 100, tag("rare"), SearchMode.SEMANTIC));
            assertThat(hits).as(plan.name()).hasSize(PER_DOC)
                    .allSatisfy(h -> assertThat(h.chunk().text()).startsWith("new d3 "));
            assertThat(hits.stream().map(h -> h.chunk().key()).toList()).containsExactlyElementsOf(bruteForce(query, tag("rare"), 100));
        }
        // a segment with deletions: the same holds for a wide filter scored exactly
        index.force(LuceneVectorIndex.FilterPlan.EXACT);
        var all = index.search(new IndexQuery(query, "q", 100, tag("half"), SearchMode.SEMANTIC));
        assertThat(all).extracting(h -> h.chunk().key()).containsExactlyInAnyOrderElementsOf(bruteForce(query, tag("half"), 100))
                .doesNotHaveDuplicates();
        assertThat(all).noneSatisfy(h -> assertThat(h.chunk().text()).startsWith("v d3 "));
        assertThat(IntStream.range(0, all.size()).filter(i -> all.get(i).chunk().documentId().equals("d23")).count()).isZero();
    }
}
