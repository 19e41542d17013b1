package app.alex.api;

import app.alex.core.backend.ServiceKnowledgeBase;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The one HTTP edge over real HTTP on loopback: how the server answers odd, hostile and slow requests. */
class HttpEdgeTest {
    static final String KEY = "edge-key";
    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    final List<LogRecord> severe = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    LocalApiServer server;

    /** The server's limits under test; subclasses shorten the timeouts. */
    LocalApiServer start(ApiHandler router) throws Exception {
        return LocalApiServer.start("127.0.0.1", 0, router, null);
    }

    @BeforeEach
    void start() throws Exception {
        var index = new InMemoryVectorIndex();
        var embedder = new HashingEmbedder();
        var kb = new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer()),
                embedder, index, Clock.systemUTC()), new SearchService(embedder, index), new LibraryService(index));
        server = start(new ApiRouter(kb, ApiKeys.parse(KEY)));
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        server.close();
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").header("x-api-key", KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends bytes as they are (no client library tidies them up) and reads the whole answer. */
    String raw(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.uri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    static String readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.toString(StandardCharsets.ISO_8859_1).contains("}}")) {
                    break; // one JSON error body is all we wait for
                }
            }
        } catch (java.net.SocketException reset) {
            // the server closed after answering: what was read is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    String errorCode(String rawResponse) throws IOException {
        return json.readTree(rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4)).get("error").get("code").asText();
    }

    @Test
    void trailingAndDoubledSlashesReachTheSameRoute() throws Exception {
        assertThat(call("GET", "/documents/", null).statusCode()).isEqualTo(200);
        assertThat(raw("GET //documents HTTP/1.1\r\nHost: x\r\nx-api-key: " + KEY + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void aKnownPathWithTheWrongMethodIs405WithAnAllowHeader() throws Exception {
        var response = call("POST", "/documents", "{}");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(json.readTree(response.body()).get("error").get("code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void headIsAnsweredLikeGetWithTheLengthAndNoBody() throws Exception {
        var get = call("GET", "/documents", null);
        var head = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/documents")).HEAD()
                .header("x-api-key", KEY).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("content-length")).contains(Integer.toString(get.body().length()));
    }

    @Test
    void aBadPercentEscapeInThePathOrTheQueryIsAJson400() throws Exception {
        String path = raw("GET /documents/%zz HTTP/1.1\r\nHost: x\r\nx-api-key: " + KEY + "\r\nConnection: close\r\n\r\n");
        String query = raw("GET /documents?cursor=%zz HTTP/1.1\r\nHost: x\r\nx-api-key: " + KEY + "\r\nConnection: close\r\n\r\n");

        for (String response : List.of(path, query)) {
            assertThat(response).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/json");
            assertThat(errorCode(response)).isEqualTo("bad_request");
        }
    }

    @Test
    void aMalformedHeaderIsAJson400() throws Exception {
        String response = raw("GET /documents HTTP/1.1\r\nHost: x\r\nbad header\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").doesNotContain("<html");
        assertThat(errorCode(response)).isEqualTo("bad_request");
    }

    @Test
    void headersTooLargeOrTooManyAre431NotADroppedConnection() throws Exception {
        String large = raw("GET /documents HTTP/1.1\r\nHost: x\r\nx-api-key: " + "k".repeat(64 * 1024) + "\r\n\r\n");
        var many = new StringBuilder("GET /documents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        for (int i = 0; i < 150; i++) {
            many.append("x-h").append(i).append(": v\r\n");
        }
        String tooMany = raw(many.append("\r\n").toString());

        for (String response : List.of(large, tooMany)) {
            assertThat(response).startsWith("HTTP/1.1 431");
            assertThat(errorCode(response)).isEqualTo("headers_too_large");
        }
    }

    @Test
    void theLimitParameterHasOneRuleAndOneMessage() throws Exception {
        for (String limit : List.of("abc", "0", "1001")) {
            var response = call("GET", "/documents?limit=" + limit, null);
            JsonNode error = json.readTree(response.body()).get("error");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error.get("message").asText()).isEqualTo("'limit' must be a whole number between 1 and 1000.");
        }
    }

    @Test
    void deeplyNestedJsonIsA400AndLogsNothingSevere() throws Exception {
        String deep = "[".repeat(100_000);

        var search = call("POST", "/search", deep);
        var ingest = call("POST", "/ingest", "{\"text\": " + deep);

        for (var response : List.of(search, ingest)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").get("message").asText()).contains("deeper than");
        }
        assertThat(severe).isEmpty();
    }

    @Test
    void aTitleSourceOrTagOverTheLimitIsA400ThatNamesTheField() throws Exception {
        String huge = "x".repeat(40_000);
        for (String field : List.of("title", "source", "tags")) {
            var response = call("POST", "/ingest", "{\"text\": \"Some text.\", \"" + field + "\": \"" + huge + "\"}");
            assertThat(response.statusCode()).as(field).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").get("message").asText())
                    .contains(field.equals("tags") ? "tag" : field).contains("at most");
        }
        assertThat(severe).isEmpty();
    }
}
