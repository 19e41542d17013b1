package app.alex.benchmarks.api;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRequest;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.embed.Embedder;
import app.alex.core.embed.Vectors;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.core.backend.ServiceKnowledgeBase;
import app.alex.lucene.LuceneVectorIndex;
import app.alex.minilm.MiniLmTokenizer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * /search throughput and latency with 8 concurrent clients on loopback over a 100k-chunk Lucene
 * index, against the same router called in-process: the difference is the cost of HTTP.
 * Query vectors come from a cheap bag-of-words embedder so that the figures measure the API and
 * the index, not MiniLM (whose cost is in "Embedding throughput"). Usage: SearchApiBenchmark [CHUNKS].
 */
public final class SearchApiBenchmark {
    static final String[] WORDS = ("revenue margin guidance dividend inventory rates supply demand growth capital "
            + "earnings cash flow debt equity segment cloud gpu data center pricing cost tax lots yield bond").split(" ");

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("alex-api-bench");
        Embedder embedder = new BagOfWords();
        var random = new Random(1);
        try (var index = LuceneVectorIndex.open(dir.resolve("index"), 384)) {
            for (int d = 0; d * 100 < chunks; d++) {
                var doc = new DocumentRecord("doc" + d, "Doc " + d, "/bench/" + d, DocumentType.DOCUMENT, List.of(),
                        Instant.EPOCH, Instant.now(), "h", 100, 0, "text/plain", Map.of());
                var records = new ArrayList<ChunkRecord>();
                var texts = new ArrayList<String>();
                for (int c = 0; c < 100; c++) {
                    var text = new StringBuilder();
                    for (int w = 0; w < 40; w++) {
                        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                    }
                    texts.add(text.toString());
                    records.add(new ChunkRecord(doc.id(), c, text.toString(), 0, 0, text.length(), 40));
                }
                index.upsert(doc, records, embedder.embed(texts));
            }
            var kb = new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(MiniLmTokenizer.load()),
                    embedder, index, Clock.systemUTC()), new SearchService(embedder, index), new LibraryService(index));
            var router = new ApiRouter(kb, ApiKeys.parse("bench"));
            try (var server = LocalApiServer.start("127.0.0.1", 0, router, new RateLimiter(1e9, 1_000_000, System::nanoTime))) {
                var http = HttpClient.newHttpClient();
                var body = "{\"query\": \"%s\", \"top_k\": 10, \"mode\": \"%s\"}";
                for (String mode : List.of("semantic", "hybrid")) {
                    run("HTTP " + mode, 8, 250, i -> {
                        var request = HttpRequest.newBuilder(URI.create(server.uri() + "/search"))
                                .header("x-api-key", "bench").header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.formatted(query(i), mode))).build();
                        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.body());
                        }
                    });
                    run("in-process " + mode, 8, 250, i -> {
                        var response = router.handle(new ApiRequest("POST", "/search",
                                Map.of("x-api-key", "bench", "content-type", "application/json"), Map.of(),
                                body.formatted(query(i), mode).getBytes(StandardCharsets.UTF_8)));
                        if (response.status() != 200) {
                            throw new IllegalStateException(new String(response.body(), StandardCharsets.UTF_8));
                        }
                    });
                }
            }
        }
    }

    interface Call {
        void run(int i) throws Exception;
    }

    static String query(int i) {
        return WORDS[i % WORDS.length] + " " + WORDS[(i * 7) % WORDS.length] + " " + WORDS[(i * 13) % WORDS.length];
    }

    static void run(String name, int clients, int perClient, Call call) throws Exception {
        for (int i = 0; i < 200; i++) {
            call.run(i); // warm-up
        }
        long[] latencies = new long[clients * perClient];
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            var futures = new ArrayList<Future<?>>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        long t = System.nanoTime();
                        call.run(client * perClient + i);
                        latencies[client * perClient + i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%-22s %7.0f requests/s  p50 %6.2f ms  p99 %6.2f ms%n", name,
                latencies.length / seconds, latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
    }

    /** Words hashed into 384 dimensions: cheap, deterministic query vectors. */
    static final class BagOfWords implements Embedder {
        @Override
        public String modelId() {
            return "all-MiniLM-L6-v2";
        }

        @Override
        public int dimension() {
            return 384;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            var out = new ArrayList<float[]>();
            for (String text : texts) {
                float[] v = new float[384];
                for (String w : text.split("\\s+")) {
                    if (!w.isEmpty()) {
                        v[Math.floorMod(w.hashCode(), 384)] += 1;
                        v[Math.floorMod(w.hashCode() * 31 + 7, 384)] += 0.5f;
                    }
                }
                v[0] += 0.01f;
                out.add(Vectors.normalize(v));
            }
            return out;
        }
    }
}
