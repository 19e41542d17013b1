package app.alex.benchmarks.retrieval;

import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.embedded.EmbeddedBackend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Measures retrieval quality of semantic, keyword and hybrid search on a hand-written question
 * set over the Python documentation (see python-docs-queries.tsv). Run by
 * {@code backend-lambdas/benchmarks/retrieval-eval.sh}; it ingests the corpus into a scratch
 * knowledge base once and reuses it on later runs (unchanged files cost nothing).
 *
 * <p>Metrics, at the document level (passages are deduplicated to their documents in rank order):
 * hit@1, hit@5 and hit@10 (share of questions with a relevant document in the first k) and MRR@10
 * ({@link RankScores}).
 */
public final class RetrievalEval {

    record Query(String text, List<String> relevant) {
        boolean isRelevant(String relativePath) {
            return relevant.stream().anyMatch(r -> r.endsWith("*") ? relativePath.startsWith(r.substring(0, r.length() - 1))
                    : relativePath.equals(r));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: RetrievalEval <python-html-dir> <scratch-data-dir>");
            System.exit(2);
        }
        Path html = Path.of(args[0]).toAbsolutePath().normalize();
        Path data = Path.of(args[1]);
        List<Query> queries = loadQueries();
        try (var backend = EmbeddedBackend.open(data)) {
            long start = System.nanoTime();
            var folders = List.of("library", "howto", "faq", "tutorial", "reference").stream().map(html::resolve).toList();
            BatchSummary summary = backend.ingest().ingestPaths(folders, IngestOptions.DEFAULTS, new IngestListener() {
                int done;

                @Override
                public void fileFinished(Path file, long bytes, IngestResult result) {
                    if (++done % 50 == 0) {
                        System.err.printf(Locale.ROOT, "  ingested %d files...%n", done);
                    }
                }
            });
            System.out.printf(Locale.ROOT, "corpus: %d documents, %d chunks (ingest this run: %.0f s, %d new, %d unchanged, %d failed)%n",
                    backend.library().stats().documents(), backend.library().stats().chunks(),
                    (System.nanoTime() - start) / 1e9, summary.count(app.alex.core.ingest.IngestStatus.CREATED),
                    summary.count(app.alex.core.ingest.IngestStatus.UNCHANGED), summary.failures().size());
            var results = new EnumMap<SearchMode, RankScores>(SearchMode.class);
            for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.KEYWORD, SearchMode.HYBRID)) {
                results.put(mode, evaluate(backend, html, queries, mode, args.length > 2));
            }
            RankScores.print(System.out, queries.size(), results);
        }
    }

    static RankScores evaluate(EmbeddedBackend backend, Path html, List<Query> queries, SearchMode mode, boolean verbose) {
        var ranks = new ArrayList<Integer>();
        for (Query query : queries) {
            // Over-fetch passages so that ten distinct documents remain after deduplication.
            var hits = backend.search().search(new SearchRequest(query.text(), 50, SearchFilter.NONE, mode)).results();
            var documents = new LinkedHashSet<String>();
            for (SearchHit hit : hits) {
                documents.add(html.relativize(Path.of(hit.source())).toString());
            }
            int rank = RankScores.firstRelevant(List.copyOf(documents), query::isRelevant);
            if (verbose) {
                System.err.printf(Locale.ROOT, "%-8s rank %2s  %s  -> %s%n", mode.wireName(), rank == 0 ? "-" : rank,
                        query.text(), documents.stream().limit(3).toList());
            }
            ranks.add(rank);
        }
        return RankScores.of(ranks);
    }

    static List<Query> loadQueries() {
        return TsvResource.rows("/retrieval/python-docs-queries.tsv").stream()
                .map(row -> new Query(row.get(0), List.of(row.get(1).split(","))))
                .toList();
    }
}
