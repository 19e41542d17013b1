package app.alex.lucene;

import app.alex.core.index.VectorIndex;
import app.alex.core.index.VectorIndexContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The whole VectorIndex contract (its brute-force filter test among others) with each filtered-search
 * strategy forced, so every path the selectivity can choose is held to the same results.
 */
class FilterPlanVectorIndexTest {

    abstract static class Forced extends VectorIndexContract {
        @TempDir
        Path dir;

        abstract LuceneVectorIndex.FilterPlan plan();

        @Override
        protected VectorIndex newIndex() {
            var index = LuceneVectorIndex.open(dir.resolve("index"), 384);
            index.force(plan());
            return index;
        }
    }

    @Nested
    class Exact extends Forced {
        @Override
        LuceneVectorIndex.FilterPlan plan() {
            return LuceneVectorIndex.FilterPlan.EXACT;
        }
    }

    @Nested
    class Graph extends Forced {
        @Override
        LuceneVectorIndex.FilterPlan plan() {
            return LuceneVectorIndex.FilterPlan.GRAPH;
        }
    }

    @Nested
    class PostFilter extends Forced {
        @Override
        LuceneVectorIndex.FilterPlan plan() {
            return LuceneVectorIndex.FilterPlan.POST;
        }
    }

    @Nested
    class Legacy extends Forced {
        @Override
        LuceneVectorIndex.FilterPlan plan() {
            return LuceneVectorIndex.FilterPlan.LEGACY;
        }
    }
}
