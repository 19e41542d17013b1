package app.alex.core.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hybrid ranking: weighted reciprocal rank fusion of a ranking by meaning and a ranking by the
 * query's words, with two guarantees. Both indexes use it: Lucene fuses its HNSW and BM25 rankings,
 * S3 Vectors (which has no full-text ranking) its meaning ranking and the passages holding the
 * query's exact codes (see {@code ExactTerms} in the aws module).
 *
 * <p>Word ranks count {@link #KEYWORD_WEIGHT} of meaning ranks: on analyst questions a question's
 * common words ("Apple's", "revenue") match many passages that are not the answer, and fusing both
 * rankings at equal weight let those crowd out the passages closest in meaning (filings: hit@5 0.914
 * at equal weight, 0.966 here; BENCHMARKS.md).
 *
 * <p>The guarantees, each for a case fusion alone gets wrong:
 * <ul>
 * <li>The passage closest in meaning is never below {@link #LEADER_PLACE}: rank fusion only sees
 * that it is first by meaning, not by how far, and lets it sink below many passages that are
 * middling in both rankings.
 * <li>A passage that the word ranking puts first by a wide margin (at least {@link #KEYWORD_DOMINANCE}
 * times the next passage's score, or the only one that matches) is placed first: a query for an exact,
 * rare token such as a part number must find the passage that holds it, which a model cannot read and
 * places nowhere near its top 50.
 * </ul>
 * Equal fused scores then fall to the better word rank, then the better meaning rank, then the key.
 * The -D properties exist for the retrieval benchmarks' before/after runs (BENCHMARKS.md), not as settings.
 */
public final class HybridFusion {
    /** Reciprocal rank fusion constant (Cormack et al.): damps the weight of the very first ranks. */
    public static final int RRF_K = 60;
    /** The lowest place (1-based) in hybrid results of the passage closest in meaning. */
    public static final int LEADER_PLACE = Integer.getInteger("alex.hybrid.leaderPlace", 3);
    /** A word rank's share of a meaning rank's. */
    public static final double KEYWORD_WEIGHT = Double.parseDouble(System.getProperty("alex.hybrid.keywordWeight", "0.5"));
    /** How far the word ranking's first passage must lead the second (score ratio) to be placed first. */
    public static final double KEYWORD_DOMINANCE = Double.parseDouble(System.getProperty("alex.hybrid.keywordDominance", "2"));

    private HybridFusion() {
    }

    /**
     * The fused top {@code topK}. Each hit keeps its cosine (from the meaning ranking where it is
     * in it); its score becomes the fused score.
     *
     * @param semantic the ranking by meaning, best first
     * @param keyword  the ranking by the query's words, best first, scores higher-is-better
     */
    public static List<ScoredChunk> fuse(List<ScoredChunk> semantic, List<ScoredChunk> keyword, int topK) {
        Map<String, ScoredChunk> byKey = new HashMap<>();
        Map<String, Double> fused = new LinkedHashMap<>();
        Map<String, Integer> keywordRank = new HashMap<>();
        Map<String, Integer> semanticRank = new HashMap<>();
        for (List<ScoredChunk> ranking : List.of(semantic, keyword)) {
            boolean isKeyword = ranking == keyword;
            Map<String, Integer> ranks = isKeyword ? keywordRank : semanticRank;
            for (int rank = 0; rank < ranking.size(); rank++) {
                ScoredChunk hit = ranking.get(rank);
                String key = hit.chunk().key();
                byKey.putIfAbsent(key, hit);
                ranks.putIfAbsent(key, rank);
                fused.merge(key, (isKeyword ? KEYWORD_WEIGHT : 1.0) / (RRF_K + rank + 1), Double::sum);
            }
        }
        Comparator<String> order = Comparator.<String>comparingDouble(fused::get).reversed()
                .thenComparingInt(key -> keywordRank.getOrDefault(key, Integer.MAX_VALUE))
                .thenComparingInt(key -> semanticRank.getOrDefault(key, Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder());
        List<String> ranked = new ArrayList<>(fused.keySet().stream().sorted(order).toList());
        if (!semantic.isEmpty()) {
            moveUpTo(ranked, semantic.getFirst().chunk().key(), LEADER_PLACE);
        }
        if (!keyword.isEmpty() && (keyword.size() == 1 || keyword.get(0).score() >= KEYWORD_DOMINANCE * keyword.get(1).score())) {
            moveUpTo(ranked, keyword.getFirst().chunk().key(), 1);
        }
        return ranked.stream()
                .limit(topK)
                .map(key -> new ScoredChunk(fused.get(key), byKey.get(key).cosine(), byKey.get(key).document(),
                        byKey.get(key).chunk()))
                .toList();
    }

    /** Moves {@code key} to {@code place} (1-based) when it is lower; the rest keep their order. */
    private static void moveUpTo(List<String> ranked, String key, int place) {
        if (ranked.indexOf(key) >= place) {
            ranked.remove(key);
            ranked.add(Math.min(place - 1, ranked.size()), key);
        }
    }
}
