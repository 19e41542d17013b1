package app.alex.benchmarks.retrieval;

import app.alex.core.ingest.BatchSummary;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.embedded.EmbeddedBackend;
import app.alex.minilm.MiniLmTokenizer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/**
 * Measures retrieval quality of semantic, keyword and hybrid search on analyst questions over four
 * real SEC filings (Apple and Tesla, a 10-K and a 10-Q each; see edgar-filings-queries.tsv). Run by
 * {@code backend-lambdas/benchmarks/filings-eval.sh}: it checks the question set against the
 * filings' extracted text (and stops if an evidence phrase is missing), ingests the four files into
 * a scratch knowledge base (reused on later runs) and scores the top ten passages of each question.
 *
 * <p>Metrics at the passage level ({@link FilingQuestion#answeredBy}): hit@1, hit@5, hit@10 and
 * MRR@10 ({@link RankScores}). {@code -v} prints every question's top five passages.
 */
public final class FilingsRetrievalEval {

    /**
     * What the evaluation ingests into and searches: the embedded knowledge base (Lucene) in the
     * scratch folder, or with {@code -Dindex=cloud} the cloud index adapter (S3 Vectors through the
     * real SDK client, against the local fake, in memory: ingested again each run) with the same
     * model and chunker.
     */
    record Engine(IngestService ingest, SearchService search, LibraryService library, AutoCloseable resources)
            implements AutoCloseable {
        static Engine embedded(Path data) {
            var backend = EmbeddedBackend.open(data);
            return new Engine(backend.ingest(), backend.search(), backend.library(), backend);
        }

        static Engine cloud() {
            var fake = new FakeS3Vectors().createIndex("kb", "chunks");
            var index = S3VectorsIndex.create(fake.clientSettings(), "kb", "chunks");
            var embedder = EmbeddedBackend.sharedEmbedder();
            var ingest = new IngestService(new FileExtractor(), new SentenceChunker(MiniLmTokenizer.load()), embedder, index,
                    Clock.systemUTC());
            return new Engine(ingest, new SearchService(embedder, index), new LibraryService(index), () -> {
                index.close();
                fake.close();
            });
        }

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FilingsRetrievalEval <edgar-dir> <scratch-data-dir> [-v]");
            System.exit(2);
        }
        Path edgar = Path.of(args[0]).toAbsolutePath().normalize();
        Path data = Path.of(args[1]);
        boolean verbose = List.of(args).subList(2, args.length).contains("-v");
        List<FilingQuestion> questions = FilingQuestion.load();
        List<String> problems = FilingQuestion.problems(questions, FilingQuestion.extract(edgar));
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("question set: " + p));
            throw new IllegalStateException(problems.size() + " problem(s) in " + FilingQuestion.RESOURCE
                    + ": fix the set before measuring with it");
        }
        boolean cloud = "cloud".equals(System.getProperty("index"));
        try (var backend = cloud ? Engine.cloud() : Engine.embedded(data)) {
            long start = System.nanoTime();
            List<Path> files = FilingQuestion.FILES.stream().map(edgar::resolve).toList();
            BatchSummary summary = backend.ingest().ingestPaths(files, IngestOptions.DEFAULTS, new IngestListener() {
            });
            if (!summary.failures().isEmpty()) {
                throw new IllegalStateException("filings failed to ingest: " + summary.failures());
            }
            System.out.printf(Locale.ROOT, "corpus: %d documents, %d chunks (ingest this run: %.0f s, %d new, %d unchanged)%n",
                    backend.library().stats().documents(), backend.library().stats().chunks(),
                    (System.nanoTime() - start) / 1e9, summary.count(IngestStatus.CREATED),
                    summary.count(IngestStatus.UNCHANGED));
            var results = new EnumMap<SearchMode, RankScores>(SearchMode.class);
            var strict = new EnumMap<SearchMode, RankScores>(SearchMode.class);
            System.out.println("index: " + (cloud ? "S3 Vectors (the cloud adapter, against the local fake)" : "Lucene (embedded)"));
            // S3 Vectors has no keyword ranking: the cloud index refuses keyword mode.
            for (SearchMode mode : cloud ? List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)
                    : List.of(SearchMode.SEMANTIC, SearchMode.KEYWORD, SearchMode.HYBRID)) {
                results.put(mode, evaluate(backend, questions, mode, verbose));
                strict.put(mode, strict(backend, questions, mode));
            }
            System.out.println("credit: the passage is in the answering section or holds an evidence phrase");
            RankScores.print(System.out, questions.size(), results);
            System.out.println("credit: the passage itself holds an evidence phrase");
            RankScores.print(System.out, questions.size(), strict);
        }
    }

    /** The same rankings credited only where the passage itself holds an evidence phrase. */
    static RankScores strict(Engine backend, List<FilingQuestion> questions, SearchMode mode) {
        var ranks = new ArrayList<Integer>();
        for (FilingQuestion q : questions) {
            List<SearchHit> hits = backend.search()
                    .search(new SearchRequest(q.text(), RankScores.DEPTH, SearchFilter.NONE, mode)).results();
            ranks.add(RankScores.firstRelevant(hits, q::holdsEvidence));
        }
        return RankScores.of(ranks);
    }

    /** Passages shown per question with -v (-Dverbose.depth, default 5), each with its relevance. */
    private static final int VERBOSE_DEPTH = Integer.getInteger("verbose.depth", 5);

    static RankScores evaluate(Engine backend, List<FilingQuestion> questions, SearchMode mode, boolean verbose) {
        var ranks = new ArrayList<Integer>();
        var misses = new ArrayList<String>();
        for (FilingQuestion q : questions) {
            List<SearchHit> hits = backend.search()
                    .search(new SearchRequest(q.text(), RankScores.DEPTH, SearchFilter.NONE, mode)).results();
            int rank = RankScores.firstRelevant(hits, q::answeredBy);
            ranks.add(rank);
            if (rank != 1) {
                misses.add(String.format(Locale.ROOT, "  rank %2s  %s  [%s, %s]", rank == 0 ? "-" : rank, q.text(),
                        q.file(), q.itemColumn()));
            }
            if (verbose) {
                System.err.printf(Locale.ROOT, "%-8s rank %2s  %s  [%s, %s]%n", mode.wireName(), rank == 0 ? "-" : rank,
                        q.text(), q.file(), q.itemColumn());
                for (int i = 0; i < Math.min(VERBOSE_DEPTH, hits.size()); i++) {
                    SearchHit h = hits.get(i);
                    String head = h.text().replaceAll("\\s+", " ").strip();
                    System.err.printf(Locale.ROOT, "    %d%s %s | %s%% | %s | p%d | %s%n", i + 1, q.answeredBy(h) ? "*" : " ",
                            FilingQuestion.fileName(h.source()), h.relevance(), h.section().isEmpty() ? "-" : h.section(), h.page(),
                            head.substring(0, Math.min(80, head.length())));
                }
            }
        }
        System.err.printf(Locale.ROOT, "%s: %d of %d questions not answered at rank 1%n", mode.wireName(), misses.size(),
                questions.size());
        misses.forEach(System.err::println);
        return RankScores.of(ranks);
    }
}
