package app.alex.benchmarks.api;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.backend.ServiceKnowledgeBase;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.lucene.LuceneVectorIndex;
import app.alex.minilm.MiniLmTokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API under hostile clients, on loopback only (127.0.0.1), every loop bounded in count and
 * time. Four phases, each against a fresh {@code alex serve} server (Jetty + the shared router +
 * the standard throttle) over a small Lucene knowledge base:
 * <ol>
 * <li>10,000 requests, each with a distinct wrong 8 KB key: heap after GC before and after;</li>
 * <li>200 concurrent keep-alive connections, 10 searches each, all open at once;</li>
 * <li>slow bodies (50 connections: half stall after 10 bytes, half trickle a byte every 2 s) while a
 * healthy client keeps searching: when the server cuts them, how the healthy client fares;</li>
 * <li>a burst of 500 wrong keys from one address: how many get 403 before 429 takes over.</li>
 * </ol>
 * Usage: HostileClientsBenchmark, optionally with -Dphases=1234 (which to run) and
 * -Dconnections=200 (phase 2).
 */
public final class HostileClientsBenchmark {
    private static final String KEY = "bench-key";
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("alex-hostile-bench");
        var embedder = new SearchApiBenchmark.BagOfWords();
        try (var index = LuceneVectorIndex.open(dir.resolve("index"), 384)) {
            var kb = new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(MiniLmTokenizer.load()),
                    embedder, index, Clock.systemUTC()), new SearchService(embedder, index), new LibraryService(index));
            var random = new Random(1);
            for (int d = 0; d < 200; d++) {
                var text = new StringBuilder();
                for (int w = 0; w < 300; w++) {
                    text.append(SearchApiBenchmark.WORDS[random.nextInt(SearchApiBenchmark.WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
                }
                kb.ingest(TextIngestRequest.of(text.toString(), "Doc " + d, "/bench/" + d));
            }
            var router = new ApiRouter(kb, ApiKeys.parse(KEY));
            System.out.println("CPU: " + cpu());
            String phases = System.getProperty("phases", "1234");
            if (phases.contains("1")) {
                distinctWrongKeys(router);
            }
            if (phases.contains("2")) {
                concurrentConnections(router, Integer.getInteger("connections", 200));
            }
            if (phases.contains("3")) {
                slowBodies(router);
            }
            if (phases.contains("4")) {
                burstOfWrongKeys(router);
            }
        }
    }

    /** The standard throttle for failures; valid-key rate high so phases 2-3 measure the server, not the throttle. */
    private static LocalApiServer serve(ApiRouter router) throws IOException {
        return LocalApiServer.start("127.0.0.1", 0, router, new RateLimiter(1e6, 1_000_000, System::nanoTime));
    }

    private static void distinctWrongKeys(ApiRouter router) throws Exception {
        try (var server = serve(router)) {
            var http = HttpClient.newHttpClient();
            long before = heapAfterGc();
            var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
            long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
            var sent = new AtomicInteger();
            long start = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(8)) {
                var futures = new ArrayList<Future<?>>();
                for (int c = 0; c < 8; c++) {
                    futures.add(pool.submit(() -> {
                        for (int i; (i = sent.getAndIncrement()) < 10_000 && System.nanoTime() < deadline; ) {
                            String key = i + "-" + "k".repeat(8 * 1024);
                            var response = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/documents"))
                                    .header("x-api-key", key).build(), HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (var f : futures) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = heapAfterGc();
            System.out.printf(Locale.ROOT, "distinct wrong keys: %s in %.1f s; heap after GC %.1f MB -> %.1f MB (%+.1f MB)%n",
                    new TreeMap<>(statuses), seconds, before / 1e6, after / 1e6, (after - before) / 1e6);
        }
    }

    private static void concurrentConnections(ApiRouter router, int connections) throws Exception {
        try (var server = serve(router)) {
            int perConnection = 10;
            long[] latencies = new long[connections * perConnection];
            var failures = new AtomicInteger();
            var allOpen = new CountDownLatch(connections);
            try (var warm = new Socket("127.0.0.1", server.uri().getPort())) {
                for (int i = 0; i < 200; i++) {
                    String body = "{\"query\": \"" + SearchApiBenchmark.query(i) + "\", \"top_k\": 10}";
                    exchange(warm, "POST /search HTTP/1.1\r\nHost: bench\r\nx-api-key: " + KEY
                            + "\r\ncontent-type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                }
            }
            long start = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var futures = new ArrayList<Future<?>>();
                for (int c = 0; c < connections; c++) {
                    int client = c;
                    futures.add(pool.submit(() -> {
                        try (var socket = new Socket("127.0.0.1", server.uri().getPort())) {
                            socket.setSoTimeout((int) PHASE_LIMIT.toMillis());
                            allOpen.countDown();
                            allOpen.await();
                            for (int i = 0; i < perConnection; i++) {
                                String body = "{\"query\": \"" + SearchApiBenchmark.query(client * perConnection + i) + "\", \"top_k\": 10}";
                                long t = System.nanoTime();
                                int status = exchange(socket, "POST /search HTTP/1.1\r\nHost: bench\r\nx-api-key: " + KEY
                                        + "\r\ncontent-type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                                latencies[client * perConnection + i] = System.nanoTime() - t;
                                if (status != 200) {
                                    failures.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (var f : futures) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "%d concurrent connections x %d searches: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, "
                            + "%d not 200%n", connections, perConnection, latencies.length / seconds, latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6, failures.get());
        }
    }

    private static void slowBodies(ApiRouter router) throws Exception {
        try (var server = serve(router)) {
            int slow = 50;
            var cutAfter = new long[slow];
            var answers = new ConcurrentHashMap<String, AtomicInteger>();
            long start = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var futures = new ArrayList<Future<?>>();
                for (int c = 0; c < slow; c++) {
                    int client = c;
                    boolean trickle = c % 2 == 1;
                    futures.add(pool.submit(() -> {
                        try (var socket = new Socket("127.0.0.1", server.uri().getPort())) {
                            socket.setSoTimeout(1_000);
                            OutputStream out = socket.getOutputStream();
                            out.write(("POST /search HTTP/1.1\r\nHost: bench\r\nx-api-key: " + KEY
                                    + "\r\ncontent-type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            long opened = System.nanoTime();
                            String answer = "still open";
                            while (System.nanoTime() - opened < PHASE_LIMIT.toNanos()) {
                                try {
                                    int b = socket.getInputStream().read();
                                    answer = b < 0 ? "closed" : "HTTP " + statusOf(socket.getInputStream(), b);
                                    break;
                                } catch (java.net.SocketTimeoutException quiet) {
                                    if (trickle && (System.nanoTime() - opened) / 1_000_000_000L % 2 == 0) {
                                        try {
                                            out.write(' ');
                                            out.flush();
                                        } catch (IOException closed) {
                                            answer = "closed";
                                            break;
                                        }
                                    }
                                } catch (IOException reset) {
                                    answer = "closed";
                                    break;
                                }
                            }
                            cutAfter[client] = System.nanoTime() - opened;
                            answers.computeIfAbsent((trickle ? "trickling: " : "stalled: ") + answer, k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        return null;
                    }));
                }
                // Meanwhile a healthy client searches, bounded in count.
                var http = HttpClient.newHttpClient();
                long[] healthy = new long[300];
                for (int i = 0; i < healthy.length; i++) {
                    long t = System.nanoTime();
                    var response = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/search"))
                            .header("x-api-key", KEY).header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + SearchApiBenchmark.query(i) + "\"}")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    healthy[i] = System.nanoTime() - t;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("healthy request got " + response.statusCode());
                    }
                }
                Arrays.sort(healthy);
                System.out.printf(Locale.ROOT, "healthy client during %d slow bodies: %d searches, p50 %.1f ms, p99 %.1f ms%n",
                        slow, healthy.length, healthy[healthy.length / 2] / 1e6, healthy[(int) (healthy.length * 0.99)] / 1e6);
                for (var f : futures) {
                    f.get();
                }
            }
            Arrays.sort(cutAfter);
            System.out.printf(Locale.ROOT, "slow bodies: %s; cut after %.1f s (median), %.1f s (max); phase %.1f s%n",
                    new TreeMap<>(answers), cutAfter[slow / 2] / 1e9, cutAfter[slow - 1] / 1e9, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void burstOfWrongKeys(ApiRouter router) throws Exception {
        try (var server = serve(router)) {
            var http = HttpClient.newHttpClient();
            var statuses = new TreeMap<Integer, Integer>();
            int first429 = -1;
            String retryAfter = null;
            long start = System.nanoTime();
            for (int i = 0; i < 500 && System.nanoTime() - start < PHASE_LIMIT.toNanos(); i++) {
                var response = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/documents"))
                        .header("x-api-key", "guess-" + i).build(), HttpResponse.BodyHandlers.discarding());
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 429 && first429 < 0) {
                    first429 = i + 1;
                    retryAfter = response.headers().firstValue("retry-after").orElse("none");
                }
            }
            var right = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/documents")).header("x-api-key", KEY).build(),
                    HttpResponse.BodyHandlers.discarding());
            System.out.printf(Locale.ROOT, "burst of 500 wrong keys in %.2f s: %s; first 429 at request %d (Retry-After %s); "
                    + "the right key from the same address right after: %d%n", (System.nanoTime() - start) / 1e9, statuses, first429,
                    retryAfter, right.statusCode());
        }
    }

    /** Writes one request on a keep-alive connection and reads its response; returns the status. */
    private static int exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(text.substring(9, 12));
    }

    private static String statusOf(InputStream in, int first) throws IOException {
        byte[] rest = in.readNBytes(11);
        return new String(new byte[]{(byte) first}, StandardCharsets.ISO_8859_1).concat(new String(rest, StandardCharsets.ISO_8859_1))
                .substring(9, 12);
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // let the collector finish; a benchmark, not a test
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String cpu() throws IOException {
        String model = "unknown";
        var flags = new ArrayList<String>();
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name") && model.equals("unknown")) {
                model = line.substring(line.indexOf(':') + 1).strip();
            }
            if (line.startsWith("flags") && flags.isEmpty()) {
                for (String flag : List.of("avx2", "avx512f")) {
                    if (Arrays.asList(line.substring(line.indexOf(':') + 1).strip().split(" ")).contains(flag)) {
                        flags.add(flag);
                    }
                }
            }
        }
        return model + " (" + Runtime.getRuntime().availableProcessors() + " cores; " + String.join(", ", flags) + ")";
    }
}
