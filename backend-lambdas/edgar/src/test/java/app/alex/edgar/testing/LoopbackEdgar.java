package app.alex.edgar.testing;

import app.alex.core.testing.EdgarFiles;

import app.alex.edgar.EdgarConfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

/**
 * SEC EDGAR on loopback (127.0.0.1, a free port): the real EDGAR answers in {@code shared/data/edgar}
 * beside the checkout, at exactly their EDGAR addresses (see that folder's README). It refuses
 * requests without a User-Agent naming an e-mail address, as EDGAR does, and can be told to
 * answer 429 first, to gzip its answers, to cut a download short, or to answer something else.
 */
public final class LoopbackEdgar implements AutoCloseable {
    /** EDGAR address to file in the shared folder. */
    public static final Map<String, String> FILES = Map.of(
            "/files/company_tickers.json", "company_tickers.json",
            "/submissions/CIK0000320193.json", "aapl-submissions.json",
            "/submissions/CIK0001318605.json", "tsla-submissions.json",
            "/api/xbrl/companyfacts/CIK0001640147.json", "snow-companyfacts.json",
            "/Archives/edgar/data/320193/000032019324000123/aapl-20240928.htm", "aapl-10-k-2024-11-01.html",
            "/Archives/edgar/data/320193/000032019325000073/aapl-20250628.htm", "aapl-10-q-2025-08-01.html",
            "/Archives/edgar/data/1318605/000162828025003063/tsla-20241231.htm", "tsla-10-k-2025-01-30.html",
            "/Archives/edgar/data/1318605/000162828025035806/tsla-20250630.htm", "tsla-10-q-2025-07-24.html");

    public static final String APPLE_10K = "/Archives/edgar/data/320193/000032019324000123/aapl-20240928.htm";
    public static final String APPLE_10Q = "/Archives/edgar/data/320193/000032019325000073/aapl-20250628.htm";

    /** One answer the server was told to give. */
    public record Answer(int status, byte[] body, String contentType, Map<String, String> headers, boolean cutShort) {
        public static Answer status(int status) {
            return new Answer(status, new byte[0], "text/plain", Map.of(), false);
        }

        public static Answer status(int status, String retryAfter) {
            return new Answer(status, new byte[0], "text/plain", Map.of("Retry-After", retryAfter), false);
        }

        public static Answer body(String contentType, byte[] body) {
            return new Answer(200, body, contentType, Map.of(), false);
        }
    }

    /** One request as it arrived. */
    public record Request(String path, String userAgent, String acceptEncoding) {
    }

    private final Path dataDir;
    private final HttpServer server;
    private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean gzip;

    private LoopbackEdgar(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LoopbackEdgar start() {
        try {
            return new LoopbackEdgar(sharedData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code shared/data/edgar} beside the checkout (see {@link EdgarFiles}). */
    public static Path sharedData() {
        return EdgarFiles.folder();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The environment that points Alex at this server, with a proper User-Agent. */
    public Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put(EdgarConfig.USER_AGENT_ENV, "Alex Tests alex-tests@example.com");
        env.put(EdgarConfig.DATA_URL_ENV, url());
        env.put(EdgarConfig.ARCHIVES_URL_ENV, url());
        return env;
    }

    public EdgarConfig config() {
        return EdgarConfig.fromEnvironment(env());
    }

    /** The next requests for {@code path} get these answers, in order; then the normal one. */
    public LoopbackEdgar answer(String path, Answer... answers) {
        scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Every answer gzipped (with Content-Encoding: gzip) to clients that ask for it. */
    public LoopbackEdgar gzip(boolean on) {
        gzip = on;
        return this;
    }

    /** The next answer for {@code path} declares its full length but stops half way. */
    public LoopbackEdgar cutShort(String path) {
        byte[] full = read(FILES.get(path));
        return answer(path, new Answer(200, full, contentType(path), Map.of(), true));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long requestsFor(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String agent = exchange.getRequestHeaders().getFirst("User-Agent");
            requests.add(new Request(path, agent, exchange.getRequestHeaders().getFirst("Accept-Encoding")));
            if (agent == null || !agent.contains("@")) {
                send(exchange, Answer.body("text/html", "<html><body>Your Request Originates from an Undeclared Automated Tool</body></html>".getBytes()), 403);
                return;
            }
            Queue<Answer> queue = scripted.get(path);
            Answer next = queue == null ? null : queue.poll();
            if (next != null) {
                send(exchange, next, next.status());
                return;
            }
            String file = FILES.get(path);
            if (file == null) {
                send(exchange, Answer.body("text/html", "<html><body>Not Found</body></html>".getBytes()), 404);
                return;
            }
            send(exchange, Answer.body(contentType(path), read(file)), 200);
        }
    }

    private void send(HttpExchange exchange, Answer answer, int status) throws IOException {
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        byte[] body = answer.body();
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (gzip && body.length > 0 && accept != null && accept.contains("gzip")) {
            body = gzipped(body);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        OutputStream out = exchange.getResponseBody();
        if (answer.cutShort()) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // Drop the connection mid-body, as a broken download does.
            throw new IOException("cut short on purpose");
        }
        out.write(body);
    }

    private static String contentType(String path) {
        return path.endsWith(".json") ? "application/json" : "text/html";
    }

    private byte[] read(String file) {
        try {
            return Files.readAllBytes(dataDir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzipped(byte[] body) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
