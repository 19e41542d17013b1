package app.alex.benchmarks.search;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Vectors;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.ScoredChunk;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import app.alex.lucene.FilterStrategies;
import app.alex.lucene.LuceneVectorIndex;
import app.alex.lucene.Tuning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Semantic search latency and recall@10 against exact brute force on the embedded Lucene index.
 * Vectors are synthetic but not uniform: 384-d Gaussian clusters (1,000 centres, spread 0.35,
 * normalised), like topical passages; queries are fresh points from the same clusters.
 * Usage: VectorSearchBenchmark SIZE [SCRATCH_DIR] [--compact] [--build-only], with -Dvectors=FLOAT32|INT7,
 * -Dcandidates=50,100,... (one measurement per value, same queries) and -Dstrategies=LEGACY,AUTO,...
 * (filtered-search strategies, interleaved query by query). Documents of 100 chunks each, committed per
 * document as ingest does, each with source /bench/N, a ticker tag tk(N mod 100) and a sector tag
 * sector(N mod 9); an index of the right size already in SCRATCH_DIR is reused (the vectors are the
 * same for the same SIZE: fixed seed). Filtered recall@10 is against brute force over the vectors whose
 * document passes the filter ({@link SearchFilter#matches}).
 */
public final class VectorSearchBenchmark {
    static final int DIM = 384;
    static final int PER_DOC = 100;

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        Path dir = args.length > 1 && !args[1].startsWith("--") ? Path.of(args[1]) : Files.createTempDirectory("alex-bench");
        var vectorsFormat = Tuning.Vectors.valueOf(System.getProperty("vectors", "FLOAT32"));
        // Filter strategies to compare, interleaved query by query: AUTO (by the filter's selectivity) and
        // LEGACY (unfiltered search, post-filter, filtered graph search when fewer than k pass); also EXACT,
        // GRAPH (Lucene's filtered HNSW), POST (post-filter with candidates scaled by 1/selectivity).
        List<String> strategies = List.of(System.getProperty("strategies", "AUTO").split(","));
        int[] candidateSettings = Arrays.stream(System.getProperty("candidates", "50").split(","))
                .mapToInt(Integer::parseInt).toArray();
        var random = new Random(42);
        float[][] centres = new float[1000][];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = gaussian(random, 1.0f);
        }
        float[][] vectors = new float[size][];
        for (int i = 0; i < size; i++) {
            vectors[i] = point(random, centres);
        }
        // "-tagged": documents carry a ticker and a sector tag (filters of 1% and 11%); older folders lack them.
        Path folder = dir.resolve("index-" + size + "-" + vectorsFormat.name().toLowerCase(Locale.ROOT) + "-tagged");
        long start = System.nanoTime();
        try (var index = LuceneVectorIndex.open(folder, DIM, new Tuning(vectorsFormat, candidateSettings[0]))) {
            if (index.stats().chunks() == size) {
                System.out.println("reusing the index in " + folder);
            } else {
                build(index, size, vectors);
                System.out.printf(Locale.ROOT, "build %.0f s%n", (System.nanoTime() - start) / 1e9);
            }
            int segments = index.segmentCount();
            double compactSeconds = 0;
            if (Arrays.asList(args).contains("--compact")) {
                long c = System.nanoTime();
                index.compact();
                compactSeconds = (System.nanoTime() - c) / 1e9;
            }
            System.out.printf(Locale.ROOT, "segments before %d; compact %.0f s; segments now %d%n", segments,
                    compactSeconds, index.segmentCount());
        }
        if (Arrays.asList(args).contains("--build-only")) {
            return;
        }
        int queries = 300;
        float[][] warmups = new float[1000][];
        for (int i = 0; i < warmups.length; i++) {
            warmups[i] = point(random, centres);
        }
        float[][] measured = new float[queries][];
        for (int q = 0; q < queries; q++) {
            measured[q] = point(random, centres);
        }
        List<Filter> filters = filters(size);
        // Exact top 10 by brute force, unfiltered and under each filter (over the vectors that pass it).
        List<List<Set<Integer>>> exactByFilter = exactTop10(measured, vectors, filters);
        List<Set<Integer>> exact = exactByFilter.getFirst();
        for (int candidates : candidateSettings) {
            // Reopened per setting: the first searches of each run pay the same cold start.
            long open = System.nanoTime();
            try (var index = LuceneVectorIndex.open(folder, DIM, new Tuning(vectorsFormat, candidates))) {
                double openMs = (System.nanoTime() - open) / 1e6;
                for (float[] warm : warmups) {
                    index.search(new IndexQuery(warm, "q", 10, null, SearchMode.SEMANTIC));
                }
                long[] latencies = new long[queries];
                double recall = 0;
                for (int q = 0; q < queries; q++) {
                    long t = System.nanoTime();
                    List<ScoredChunk> hits = index.search(new IndexQuery(measured[q], "q", 10, null, SearchMode.SEMANTIC));
                    latencies[q] = System.nanoTime() - t;
                    recall += recall(exact.get(q), hits);
                }
                Arrays.sort(latencies);
                System.out.printf(Locale.ROOT, "%,d vectors, %s graph, %d candidates: open %.0f ms, p50 %.2f ms, "
                                + "p99 %.2f ms, recall@10 %.3f%n", size, vectorsFormat, candidates,
                        openMs, latencies[queries / 2] / 1e6, latencies[(int) (queries * 0.99)] / 1e6, recall / queries);
                if (candidates == candidateSettings[0]) {
                    filtered(index, warmups, measured, filters, exactByFilter, strategies);
                }
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory();
        var byKind = new java.util.TreeMap<String, Long>();
        long disk;
        try (Stream<Path> files = Files.walk(folder)) {
            disk = files.filter(Files::isRegularFile).mapToLong(p -> {
                String name = p.getFileName().toString();
                byKind.merge(name.contains(".") ? name.substring(name.lastIndexOf('.')) : name, p.toFile().length(), Long::sum);
                return p.toFile().length();
            }).sum();
        }
        System.out.printf(Locale.ROOT, "disk %.0f MB (%.2f GB per million); largest files by kind (MB): %s; heap after GC %.0f MB%n", disk / 1e6, disk / 1e9 * 1_000_000 / size,
                byKind.entrySet().stream().filter(e -> e.getValue() > 1e6).map(e -> e.getKey() + " " + e.getValue() / 1_000_000).toList(),
                heap / 1e6);
    }

    /** A filter of the benchmark and how many of the vectors pass it (by {@link SearchFilter#matches}, as the index must). */
    private record Filter(String label, SearchFilter filter, boolean[] passes, double selectivity) {
    }

    /** No filter (index 0), then 100%, 55.6% (200k) or 11.1% (1M) by folder, 11.1% and 1% by tag, ~1% by folder. */
    private static List<Filter> filters(int size) {
        var out = new ArrayList<Filter>();
        out.add(filter(size, "none", SearchFilter.NONE));
        out.add(filter(size, "type=document", new SearchFilter(Set.of(DocumentType.DOCUMENT), Set.of(), null, null, null)));
        out.add(filter(size, "source under /bench/1", new SearchFilter(Set.of(), Set.of(), "/bench/1", null, null)));
        out.add(filter(size, "tag sector3", new SearchFilter(Set.of(), Set.of("sector3"), null, null, null)));
        out.add(filter(size, "tag tk7", new SearchFilter(Set.of(), Set.of("tk7"), null, null, null)));
        out.add(filter(size, "source under /bench/99", new SearchFilter(Set.of(), Set.of(), "/bench/99", null, null)));
        return out;
    }

    private static Filter filter(int size, String label, SearchFilter filter) {
        boolean[] passes = new boolean[size];
        int passing = 0;
        for (int i = 0; i < size; i++) {
            passes[i] = filter.matches(document(i / PER_DOC));
            passing += passes[i] ? 1 : 0;
        }
        return new Filter(label, filter, passes, passing / (double) size);
    }

    /** Warm-up searches per filter and strategy before the measured ones, as the unfiltered run has its 1,000. */
    private static final int FILTER_WARMUPS = Integer.getInteger("filterWarmups", 50);

    /**
     * Each filter, each strategy interleaved query by query (the order of strategies rotates), same JVM and queries.
     * First {@link #FILTER_WARMUPS} searches of other query vectors under the same filter and strategy: the first
     * searches under a new filter pay for its code paths' compilation and for Lucene's query cache (15-130 ms
     * each, measured), which is a session's first search with that filter, not the steady state the
     * percentiles describe; the very first one is printed as "first search".
     */
    private static void filtered(LuceneVectorIndex index, float[][] warmups, float[][] queries, List<Filter> filters,
                                 List<List<Set<Integer>>> exact, List<String> strategies) {
        for (int f = 1; f < filters.size(); f++) {
            Filter filter = filters.get(f);
            int n = strategies.size();
            long[] first = new long[n];
            for (int w = 0; w < FILTER_WARMUPS; w++) {
                for (int s = 0; s < n; s++) {
                    FilterStrategies.force(index, strategies.get(s));
                    long t = System.nanoTime();
                    index.search(new IndexQuery(warmups[(w * n + s) % warmups.length], "q", 10, filter.filter(), SearchMode.SEMANTIC));
                    if (w == 0) {
                        first[s] = System.nanoTime() - t;
                    }
                }
            }
            long[][] latencies = new long[n][queries.length];
            double[] recall = new double[n];
            for (int q = 0; q < queries.length; q++) {
                for (int j = 0; j < n; j++) {
                    int s = (q + j) % n;
                    FilterStrategies.force(index, strategies.get(s));
                    long t = System.nanoTime();
                    List<ScoredChunk> hits = index.search(new IndexQuery(queries[q], "q", 10, filter.filter(), SearchMode.SEMANTIC));
                    latencies[s][q] = System.nanoTime() - t;
                    recall[s] += recall(exact.get(f).get(q), hits);
                }
            }
            FilterStrategies.force(index, "AUTO");
            for (int s = 0; s < n; s++) {
                Arrays.sort(latencies[s]);
                System.out.printf(Locale.ROOT, "    filter %s (%.1f%% pass), %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms, recall@10 %.3f"
                                + " (first search %.1f ms, before %d warm-ups)%n",
                        filter.label(), 100 * filter.selectivity(), strategies.get(s), latencies[s][queries.length / 2] / 1e6,
                        latencies[s][(int) (queries.length * 0.99)] / 1e6, latencies[s][queries.length - 1] / 1e6,
                        recall[s] / queries.length, first[s] / 1e6, FILTER_WARMUPS);
            }
        }
    }

    /** The benchmark's document {@code d}: source /bench/d, a ticker tag on 1% of documents and a sector tag on 1/9. */
    private static DocumentRecord document(int d) {
        return new DocumentRecord("doc" + d, "Doc " + d, "/bench/" + d, DocumentType.DOCUMENT,
                List.of("tk" + (d % 100), "sector" + (d % 9)), Instant.EPOCH, Instant.EPOCH, "h", PER_DOC, 0, "text/plain", Map.of());
    }

    /** Documents of 100 chunks, committed one by one as ingest does. */
    private static void build(LuceneVectorIndex index, int size, float[][] vectors) {
        int perDoc = PER_DOC;
        for (int d = 0; d * perDoc < size; d++) {
            var doc = document(d);
            var chunks = new ArrayList<ChunkRecord>();
            var vs = new ArrayList<float[]>();
            for (int c = 0; c < perDoc && d * perDoc + c < size; c++) {
                chunks.add(new ChunkRecord(doc.id(), c, "chunk " + (d * perDoc + c), 0, 0, 10, 3));
                vs.add(vectors[d * perDoc + c]);
            }
            index.upsert(doc, chunks, vs);
        }
    }

    /** Per filter, per query: the exact top 10 by brute force over the vectors that pass the filter. */
    private static List<List<Set<Integer>>> exactTop10(float[][] queries, float[][] vectors, List<Filter> filters) {
        var out = new ArrayList<List<Set<Integer>>>();
        for (int f = 0; f < filters.size(); f++) {
            out.add(new ArrayList<>(java.util.Collections.nCopies(queries.length, Set.<Integer>of())));
        }
        java.util.stream.IntStream.range(0, queries.length).parallel().forEach(q -> {
            double[] scores = new double[vectors.length];
            for (int i = 0; i < vectors.length; i++) {
                scores[i] = org.apache.lucene.util.VectorUtil.dotProduct(queries[q], vectors[i]);
            }
            for (int f = 0; f < filters.size(); f++) {
                boolean[] passes = filters.get(f).passes();
                int[] best = new int[10];
                double[] bestScore = new double[10];
                Arrays.fill(bestScore, -2);
                Arrays.fill(best, -1);
                for (int i = 0; i < vectors.length; i++) {
                    double s = scores[i];
                    if ((f == 0 || passes[i]) && s > bestScore[9]) {
                        int j = 9;
                        while (j > 0 && bestScore[j - 1] < s) {
                            bestScore[j] = bestScore[j - 1];
                            best[j] = best[j - 1];
                            j--;
                        }
                        bestScore[j] = s;
                        best[j] = i;
                    }
                }
                var exact = new HashSet<Integer>();
                for (int b : best) {
                    if (b >= 0) {
                        exact.add(b);
                    }
                }
                synchronized (out) {
                    out.get(f).set(q, exact);
                }
            }
        });
        return out;
    }

    private static double recall(Set<Integer> exact, List<ScoredChunk> hits) {
        int found = 0;
        for (ScoredChunk hit : hits) {
            if (exact.contains(Integer.parseInt(hit.chunk().text().substring(6)))) {
                found++;
            }
        }
        return exact.isEmpty() ? 1.0 : found / (double) Math.min(10, exact.size());
    }

    private static float[] point(Random random, float[][] centres) {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] noise = gaussian(random, 0.35f);
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = centre[d] + noise[d];
        }
        return Vectors.normalize(v);
    }

    private static float[] gaussian(Random random, float scale) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) (random.nextGaussian() * scale / Math.sqrt(DIM));
        }
        return scale == 1.0f ? Vectors.normalize(v) : v;
    }
}
