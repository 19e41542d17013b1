package app.alex.lucene;

import java.util.Locale;

/**
 * The benchmark's seam into the index's package-private choice of filtered-search strategy, so old
 * and new strategies run interleaved in one JVM on the same queries. Not part of the product: the
 * index always chooses by the filter's selectivity ({@code AUTO}).
 */
public final class FilterStrategies {
    private FilterStrategies() {
    }

    /** AUTO, LEGACY, EXACT, GRAPH or POST (see {@link LuceneVectorIndex.FilterPlan}). */
    public static void force(LuceneVectorIndex index, String strategy) {
        index.force(LuceneVectorIndex.FilterPlan.valueOf(strategy.trim().toUpperCase(Locale.ROOT)));
    }
}
