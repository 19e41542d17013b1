package app.alex.benchmarks.search;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Vectors;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.ScoredChunk;
import app.alex.core.search.SearchMode;
import app.alex.lucene.LuceneVectorIndex;

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
import java.util.stream.Stream;

/**
 * Semantic search latency and recall@10 against exact brute force on the embedded Lucene index.
 * Vectors are synthetic but not uniform: 384-d Gaussian clusters (1,000 centres, spread 0.35,
 * normalised), like topical passages; queries are fresh points from the same clusters.
 * Usage: VectorSearchBenchmark SIZE [SCRATCH_DIR]. Documents of 100 chunks each, committed per
 * document as ingest does.
 */
public final class VectorSearchBenchmark {
    static final int DIM = 384;

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("alex-bench");
        var random = new Random(42);
        float[][] centres = new float[1000][];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = gaussian(random, 1.0f);
        }
        float[][] vectors = new float[size][];
        for (int i = 0; i < size; i++) {
            vectors[i] = point(random, centres);
        }
        long start = System.nanoTime();
        try (var index = LuceneVectorIndex.open(dir.resolve("index-" + size), DIM)) {
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
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            int segments = index.segmentCount();
            double compactSeconds = 0;
            if (Arrays.asList(args).contains("--compact")) {
                long c = System.nanoTime();
                index.compact();
                compactSeconds = (System.nanoTime() - c) / 1e9;
            }
            System.out.printf(Locale.ROOT, "segments after build %d; compact %.0f s; segments now %d%n", segments,
                    compactSeconds, index.segmentCount());
            int queries = 300;
            long[] latencies = new long[queries];
            double recall = 0;
            for (int warm = 0; warm < 200; warm++) {
                index.search(new IndexQuery(point(random, centres), "q", 10, null, SearchMode.SEMANTIC));
            }
            for (int q = 0; q < queries; q++) {
                float[] query = point(random, centres);
                long t = System.nanoTime();
                List<ScoredChunk> hits = index.search(new IndexQuery(query, "q", 10, null, SearchMode.SEMANTIC));
                latencies[q] = System.nanoTime() - t;
                recall += recall(query, vectors, hits);
            }
            Arrays.sort(latencies);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heap = rt.totalMemory() - rt.freeMemory();
            long disk;
            try (Stream<Path> files = Files.walk(dir.resolve("index-" + size))) {
                disk = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "%,d vectors: build %.0f s, p50 %.2f ms, p99 %.2f ms, recall@10 %.3f, "
                            + "disk %.0f MB (%.2f GB per million), heap after GC %.0f MB%n", size, buildSeconds,
                    latencies[queries / 2] / 1e6, latencies[(int) (queries * 0.99)] / 1e6, recall / queries,
                    disk / 1e6, disk / 1e9 * 1_000_000 / size, heap / 1e6);
        }
    }

    private static double recall(float[] query, float[][] vectors, List<ScoredChunk> hits) {
        // exact top 10 by brute force
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
