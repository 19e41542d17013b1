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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Measures retrieval quality of semantic, keyword and hybrid search on a hand-written question
 * set over the Python documentation (see python-docs-queries.tsv). Run by
 * {@code backend-lambdas/benchmarks/retrieval-eval.sh}; it ingests the corpus into a scratch
 * knowledge base once and reuses it on later runs (unchanged files cost nothing).
 *
 * <p>Metrics, at the document level (passages are deduplicated to their documents in rank order):
 * hit@1, hit@5 and hit@10 (share of questions with a relevant document in the first k) and MRR@10.
 */
public final class RetrievalEval {

    record Query(String text, List<String> relevant) {
        boolean isRelevant(String relativePath) {
            return relevant.stream().anyMatch(r -> r.endsWith("*") ? relativePath.startsWith(r.substring(0, r.length() - 1))
                    : relativePath.equals(r));
        }
    }

    record Scores(double hit1, double hit5, double hit10, double mrr10) {
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
            var results = new EnumMap<SearchMode, Scores>(SearchMode.class);
            for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.KEYWORD, SearchMode.HYBRID)) {
                results.put(mode, evaluate(backend, html, queries, mode, args.length > 2));
            }
            System.out.printf(Locale.ROOT, "%d questions%n%-9s %6s %6s %6s %7s%n", queries.size(), "mode", "hit@1",
                    "hit@5", "hit@10", "MRR@10");
            for (Map.Entry<SearchMode, Scores> e : results.entrySet()) {
                Scores s = e.getValue();
                System.out.printf(Locale.ROOT, "%-9s %6.3f %6.3f %6.3f %7.3f%n", e.getKey().wireName(), s.hit1(), s.hit5(),
                        s.hit10(), s.mrr10());
            }
        }
    }

    static Scores evaluate(EmbeddedBackend backend, Path html, List<Query> queries, SearchMode mode, boolean verbose) {
        double hit1 = 0, hit5 = 0, hit10 = 0, mrr = 0;
        for (Query query : queries) {
            // Over-fetch passages so that ten distinct documents remain after deduplication.
            var hits = backend.search().search(new SearchRequest(query.text(), 50, SearchFilter.NONE, mode)).results();
            var documents = new LinkedHashSet<String>();
            for (SearchHit hit : hits) {
                documents.add(html.relativize(Path.of(hit.source())).toString());
            }
            int rank = 0;
            int position = 0;
            for (String document : documents) {
                position++;
                if (position > 10) {
                    break;
                }
                if (query.isRelevant(document)) {
                    rank = position;
                    break;
                }
            }
            if (verbose) {
                System.err.printf(Locale.ROOT, "%-8s rank %2s  %s  -> %s%n", mode.wireName(), rank == 0 ? "-" : rank,
                        query.text(), documents.stream().limit(3).toList());
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
        int n = queries.size();
        return new Scores(hit1 / n, hit5 / n, hit10 / n, mrr / n);
    }

    static List<Query> loadQueries() throws IOException {
        var queries = new ArrayList<Query>();
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                RetrievalEval.class.getResourceAsStream("/retrieval/python-docs-queries.tsv")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                queries.add(new Query(parts[0].strip(), List.of(parts[1].strip().split(","))));
            }
        }
        return queries;
    }
}
