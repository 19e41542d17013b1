package app.alex.benchmarks.search;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Vectors;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.ScoredChunk;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
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
 * Usage: VectorSearchBenchmark SIZE [SCRATCH_DIR] [--compact], with -Dvectors=FLOAT32|INT7,
 * -Dcandidates=50,100,... (one measurement per value, same queries). Documents of
 * 100 chunks each, committed per document as ingest does; an index of the right size already in
 * SCRATCH_DIR is reused (the vectors are the same for the same SIZE: fixed seed).
 */
public final class VectorSearchBenchmark {
    static final int DIM = 384;

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        Path dir = args.length > 1 && !args[1].startsWith("--") ? Path.of(args[1]) : Files.createTempDirectory("alex-bench");
        var vectorsFormat = Tuning.Vectors.valueOf(System.getProperty("vectors", "FLOAT32"));
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
        Path folder = dir.resolve("index-" + size + "-" + vectorsFormat.name().toLowerCase(Locale.ROOT));
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
        int queries = 300;
        float[][] warmups = new float[1000][];
        for (int i = 0; i < warmups.length; i++) {
            warmups[i] = point(random, centres);
        }
        float[][] measured = new float[queries][];
        List<Set<Integer>> exact = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            measured[q] = point(random, centres);
            exact.add(exactTop10(measured[q], vectors));
        }
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
                    // Filters make HNSW walk only accepted chunks; latency only (recall here would need a filtered brute force).
                    filtered(index, measured, "a filter every chunk passes (type=document)",
                            new SearchFilter(Set.of(DocumentType.DOCUMENT), Set.of(), null, null, null));
                    filtered(index, measured, "a filter 11% of chunks pass (source under /bench/1)",
                            new SearchFilter(Set.of(), Set.of(), "/bench/1", null, null));
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

    private static void filtered(LuceneVectorIndex index, float[][] queries, String label, SearchFilter filter) {
        long[] latencies = new long[queries.length];
        for (int q = 0; q < queries.length; q++) {
            long t = System.nanoTime();
            index.search(new IndexQuery(queries[q], "q", 10, filter, SearchMode.SEMANTIC));
            latencies[q] = System.nanoTime() - t;
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "    with %s: p50 %.2f ms, p99 %.2f ms%n", label, latencies[queries.length / 2] / 1e6,
                latencies[(int) (queries.length * 0.99)] / 1e6);
    }

    /** Documents of 100 chunks, committed one by one as ingest does. */
    private static void build(LuceneVectorIndex index, int size, float[][] vectors) {
        int perDoc = 100;
        for (int d = 0; d * perDoc < size; d++) {
            var doc = new DocumentRecord("doc" + d, "Doc " + d, "/bench/" + d, DocumentType.DOCUMENT, List.of(),
                    Instant.EPOCH, Instant.now(), "h", perDoc, 0, "text/plain", Map.of());
            var chunks = new ArrayList<ChunkRecord>();
            var vs = new ArrayList<float[]>();
            for (int c = 0; c < perDoc && d * perDoc + c < size; c++) {
                chunks.add(new ChunkRecord(doc.id(), c, "chunk " + (d * perDoc + c), 0, 0, 10, 3));
                vs.add(vectors[d * perDoc + c]);
            }
            index.upsert(doc, chunks, vs);
        }
    }

    /** The exact top 10 by brute force over every vector. */
    private static Set<Integer> exactTop10(float[] query, float[][] vectors) {
        int[] best = new int[10];
        double[] bestScore = new double[10];
        Arrays.fill(bestScore, -2);
        for (int i = 0; i < vectors.length; i++) {
            double s = Vectors.dot(query, vectors[i]);
            if (s > bestScore[9]) {
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
            exact.add(b);
        }
        return exact;
    }

    private static double recall(Set<Integer> exact, List<ScoredChunk> hits) {
        int found = 0;
        for (ScoredChunk hit : hits) {
            if (exact.contains(Integer.parseInt(hit.chunk().text().substring(6)))) {
                found++;
            }
        }
        return found / 10.0;
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
