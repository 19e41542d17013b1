package app.alex.benchmarks.edgar;

import app.alex.core.extract.FileExtractor;
import app.alex.edgar.Edgar;
import app.alex.edgar.EdgarConfig;
import app.alex.edgar.company.Cik;
import app.alex.edgar.filings.FilingResult;
import app.alex.edgar.filings.ImportListener;
import app.alex.embedded.EmbeddedBackend;
import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * Import time of Apple's 10-K for FY2024 (1.5 MB of inline XBRL) from EDGAR on loopback into a
 * fresh embedded knowledge base: download, extraction, chunking, MiniLM embedding, Lucene. The
 * model is loaded and warmed before the clock starts. Usage: EdgarImportBenchmark [RUNS] [EDGAR_DATA_DIR]
 * (default 3 runs; the data is shared/data/edgar, found from the working directory upwards).
 */
public final class EdgarImportBenchmark {
    private static final Map<String, String> FILES = Map.of(
            "/submissions/CIK0000320193.json", "aapl-submissions.json",
            "/Archives/edgar/data/320193/000032019324000123/aapl-20240928.htm", "aapl-10-k-2024-11-01.html");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path data = args.length > 1 ? Path.of(args[1]) : sharedData();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String file = FILES.get(exchange.getRequestURI().getPath());
                if (file == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(data.resolve(file));
                exchange.getResponseHeaders().set("Content-Type", file.endsWith(".json") ? "application/json" : "text/html");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        var edgar = Edgar.open(EdgarConfig.fromEnvironment(Map.of(EdgarConfig.USER_AGENT_ENV, "Alex Benchmarks bench@example.com",
                EdgarConfig.DATA_URL_ENV, url, EdgarConfig.ARCHIVES_URL_ENV, url)));
        var apple = edgar.submissions(new Cik(320193), null);
        var tenK = apple.filings().stream().filter(f -> f.accession().equals("0000320193-24-000123")).toList();

        byte[] html = Files.readAllBytes(data.resolve("aapl-10-k-2024-11-01.html"));
        var extractor = new FileExtractor();
        var extracted = extractor.extract(html, "aapl-20240928.htm");
        long t0 = System.nanoTime();
        extracted = extractor.extract(html, "aapl-20240928.htm");
        double extractSeconds = (System.nanoTime() - t0) / 1e9;

        System.out.printf(Locale.ROOT, "CPU %s, %d cores%n", cpu(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "Apple 10-K FY2024: %,d bytes of HTML, %,d characters of text, %d sections; extraction alone %.2f s%n",
                html.length, extracted.text().length(), extracted.sections().size(), extractSeconds);
        var seconds = new ArrayList<Double>();
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("alex-edgar-bench");
            try (var backend = EmbeddedBackend.open(dir)) {
                // Load and warm the model outside the clock: the import is what is measured.
                backend.knowledgeBase().ingest(app.alex.core.ingest.TextIngestRequest.of(
                        "Warm-up text about revenue and margins.", "warm-up", "warm-up"));
                long start = System.nanoTime();
                var report = edgar.importer(backend.knowledgeBase()).importFilings(apple, "AAPL", tenK, ImportListener.NONE);
                double s = (System.nanoTime() - start) / 1e9;
                FilingResult result = report.results().getFirst();
                if (result.status() != FilingResult.Status.IMPORTED) {
                    throw new IllegalStateException("import failed: " + result.error());
                }
                seconds.add(s);
                System.out.printf(Locale.ROOT, "run %d: %s, %d chunks in %.2f s (%.1f chunks/s)%n", run, result.title(),
                        result.chunkCount(), s, result.chunkCount() / s);
            }
        }
        Collections.sort(seconds);
        System.out.printf(Locale.ROOT, "median %.2f s over %d runs%n", seconds.get(seconds.size() / 2), runs);
        server.stop(0);
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown")
                    + (Files.readString(Path.of("/proc/cpuinfo")).contains("avx512f") ? " (avx512f)" : "");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Path sharedData() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/edgar");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/edgar not found from the working directory upwards; pass it as the second argument");
    }

    private EdgarImportBenchmark() {
    }
}
