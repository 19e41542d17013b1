package app.alex.lambdas.scheduler;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerHandlerTest {
    private HttpServer researcher;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> reply = new AtomicReference<>(
            "{\"id\":\"research-1\",\"topic\":\"Copper demand\",\"title\":\"Copper\",\"citations\":[{},{}]}");

    @BeforeEach
    void start() throws Exception {
        researcher = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        researcher.createContext("/", exchange -> {
            seen.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getPath(),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = reply.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        researcher.start();
    }

    @AfterEach
    void stop() {
        researcher.stop(0);
    }

    private SchedulerHandler handler(boolean iam) {
        return handler(iam ? new SchedulerHandler.Auth.Iam(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIATEST", "secret")), "us-west-2") : new SchedulerHandler.Auth.None());
    }

    private SchedulerHandler handler(SchedulerHandler.Auth auth) {
        return new SchedulerHandler(URI.create("http://127.0.0.1:" + researcher.getAddress().getPort()), auth,
                Duration.ofSeconds(30));
    }

    @Test
    void callsResearchAutoDirectlyWithASigV4SignatureForTheFunctionUrl() {
        var result = handler(true).handleRequest(Map.of(), null);

        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.get("method")).isEqualTo("POST");
            assertThat(r.get("path")).isEqualTo("/research/auto");
            assertThat(r.get("body")).isEqualTo("{}");
            assertThat(r.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIATEST/")
                    .contains("/us-west-2/lambda/aws4_request").contains("SignedHeaders=").contains("host");
        });
        assertThat(result).containsEntry("report_id", "research-1").containsEntry("topic", "Copper demand")
                .containsEntry("citations", 2);
    }

    @Test
    void withoutIamAuthNothingIsSigned() {
        handler(false).handleRequest(Map.of(), null);
        assertThat(seen.getFirst().get("authorization")).isEqualTo("null");
    }

    @Test
    void aFailedResearchFailsTheInvocationVisiblySoTheScheduleRetries() {
        status.set(503);
        reply.set("{\"error\":{\"code\":\"unavailable\",\"message\":\"Bedrock failed (503) after retries\"}}");

        assertThatThrownBy(() -> handler(true).handleRequest(Map.of(), null))
                .hasMessageContaining("Scheduled research failed").hasMessageContaining("HTTP 503")
                .hasMessageContaining("Bedrock failed");
    }

    @Test
    void anAppRunnerResearcherGetsTheApiKey() {
        researcher.removeContext("/");
        researcher.createContext("/", exchange -> {
            seen.add(Map.of("key", String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key"))));
            byte[] body = reply.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        handler(new SchedulerHandler.Auth.ApiKey("k-123")).handleRequest(Map.of(), null);
        assertThat(seen.getFirst().get("key")).isEqualTo("k-123");
        assertThatThrownBy(() -> new SchedulerHandler(Map.of("ALEX_RESEARCHER_URL", "https://x", "ALEX_RESEARCHER_AUTH", "api_key")))
                .hasMessageContaining("ALEX_RESEARCHER_API_KEY");
    }

    @Test
    void aMissingResearcherUrlIsAConfigurationErrorThatSaysWhichVariable() {
        assertThatThrownBy(() -> new SchedulerHandler(Map.of())).hasMessageContaining("ALEX_RESEARCHER_URL");
    }
}
