package app.alex.lucene;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Vectors;
import app.alex.core.search.SearchFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filtered search picks its strategy by how many chunks a filter admits, so that count must be right
 * for a folder filter too. Lucene estimates a prefix over many paths as every document that has a path:
 * a folder holding half of the chunks read as all of them, and the search then asked for too few
 * candidates and had to run a second, filtered graph search (the 11% tail of BENCHMARKS.md).
 */
class FilterSelectivityTest {
    static final int DIM = 384;
    static final int CHUNKS = 2;

    @TempDir
    Path dir;
    LuceneVectorIndex index;
    final Random random = new Random(5);

    @BeforeEach
    void build() {
        index = LuceneVectorIndex.open(dir.resolve("index"), DIM);
        // 30 files in /a/ and 30 in /b/: more paths under a folder than Lucene turns into a list of terms (16).
        for (int d = 0; d < 60; d++) {
            String folder = d < 30 ? "/a/" : "/b/";
            var doc = new DocumentRecord("d" + d, "Doc " + d, folder + "file" + d + ".txt", DocumentType.DOCUMENT,
                    List.of(d % 3 == 0 ? "third" : "other"), Instant.EPOCH, Instant.EPOCH, "h", CHUNKS, 0, "text/plain", Map.of());
            var chunks = new ArrayList<ChunkRecord>();
            var vectors = new ArrayList<float[]>();
            for (int c = 0; c < CHUNKS; c++) {
                chunks.add(new ChunkRecord(doc.id(), c, "text " + d + " " + c, 0, 0, 1, 1));
                vectors.add(randomUnit());
            }
            index.upsert(doc, chunks, vectors);
        }
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void aFolderFilterIsCountedNotEstimatedAsTheWholeIndex() {
        // 30 files of /a/: their 60 chunks and 30 document records (the vector search's filter does not name the kind).
        assertThat(index.filterMatches(folder("/a/"), 10, 1_000)).isEqualTo(90);
        assertThat(index.filterMatches(folder("/a/file1"), 10, 1_000)).isEqualTo(11 * (CHUNKS + 1));
    }

    @Test
    void countingStopsOnceTheCountCanNoLongerChangeTheStrategy() {
        assertThat(index.filterMatches(folder("/a/"), 10, 50)).isEqualTo(50);
    }

    @Test
    void aTermsCountIsExactWithoutCounting() {
        assertThat(index.filterMatches(new SearchFilter(Set.of(), Set.of("third"), null, null, null), 10, 1)).isEqualTo(60);
    }

    private static SearchFilter folder(String prefix) {
        return new SearchFilter(Set.of(), Set.of(), prefix, null, null);
    }

    private float[] randomUnit() {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }
}
