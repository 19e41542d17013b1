package app.alex.benchmarks.retrieval;

import app.alex.core.search.SearchMode;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Rank-based retrieval measures shared by the evaluations: hit@1, hit@5 and hit@10 (share of
 * questions whose first relevant result is within the first k) and MRR@10 (mean reciprocal rank of
 * the first relevant result, 0 when none is in the first ten).
 */
record RankScores(double hit1, double hit5, double hit10, double mrr10) {

    /** Results looked at per question. */
    static final int DEPTH = 10;

    /** The 1-based position of the first relevant item among the first {@link #DEPTH}, or 0. */
    static <T> int firstRelevant(List<T> ranked, Predicate<? super T> relevant) {
        for (int i = 0; i < Math.min(DEPTH, ranked.size()); i++) {
            if (relevant.test(ranked.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Scores from each question's first relevant rank (0 = not in the first ten). */
    static RankScores of(List<Integer> ranks) {
        if (ranks.isEmpty()) {
            throw new IllegalArgumentException("no questions");
        }
        double hit1 = 0, hit5 = 0, hit10 = 0, mrr = 0;
        for (int rank : ranks) {
            if (rank < 0 || rank > DEPTH) {
                throw new IllegalArgumentException("rank out of 0.." + DEPTH + ": " + rank);
            }
            if (rank == 1) {
                hit1++;
            }
            if (rank >= 1 && rank <= 5) {
                hit5++;
            }
            if (rank >= 1) {
                hit10++;
                mrr += 1.0 / rank;
            }
        }
        int n = ranks.size();
        return new RankScores(hit1 / n, hit5 / n, hit10 / n, mrr / n);
    }

    /** The table printed by every evaluation: one row per mode. */
    static void print(PrintStream out, int questions, Map<SearchMode, RankScores> byMode) {
        out.printf(Locale.ROOT, "%d questions%n%-9s %6s %6s %6s %7s%n", questions, "mode", "hit@1", "hit@5", "hit@10",
                "MRR@10");
        for (Map.Entry<SearchMode, RankScores> e : byMode.entrySet()) {
            RankScores s = e.getValue();
            out.printf(Locale.ROOT, "%-9s %6.3f %6.3f %6.3f %7.3f%n", e.getKey().wireName(), s.hit1(), s.hit5(), s.hit10(),
                    s.mrr10());
        }
    }
}
