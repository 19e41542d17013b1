package app.alex.lambdas.scheduler;

import app.alex.client.FunctionUrlSigner;
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
        return handler(iam ? new SchedulerHandler.Auth.Iam(new FunctionUrlSigner(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIATEST", "secret")), "us-west-2")) : new SchedulerHandler.Auth.None());
    }

    private SchedulerHandler handler(SchedulerHandler.Auth auth) {
        return new SchedulerHandler(new SchedulerHandler.Settings(URI.create("http://127.0.0.1:" + researcher.getAddress().getPort()),
                auth, Duration.ofSeconds(30)));
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
    void theSchedulesSlotIsPassedOnSoTheResearcherCanAnswerARepeatWithTheSameReport() {
        var event = Map.<String, Object>of("source", "eventbridge-scheduler", "schedule", "alex-research",
                SchedulerHandler.SLOT_INPUT, "2026-12-01T20:00:00Z");

        var result = handler(true).handleRequest(event, null);

        assertThat(seen).singleElement().satisfies(r -> assertThat(r.get("body")).isEqualTo("{\"slot\":\"2026-12-01T20:00:00Z\"}"));
        assertThat(result).containsEntry("slot", "2026-12-01T20:00:00Z");
    }

    @Test
    void theConfigurationIsReadOnceWithTheSharedTimeLimitRules() {
        var settings = SchedulerHandler.Settings.fromEnvironment(Map.of("ALEX_RESEARCHER_URL", "https://abc.lambda-url.us-west-2.on.aws/",
                "ALEX_RESEARCHER_AUTH", "aws_iam", "AWS_REGION", "us-west-2", "ALEX_RESEARCH_TIMEOUT_SECONDS", "885"));

        assertThat(settings.researcher()).hasToString("https://abc.lambda-url.us-west-2.on.aws");
        assertThat(settings.auth()).isInstanceOf(SchedulerHandler.Auth.Iam.class);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(885));
        assertThatThrownBy(() -> SchedulerHandler.Settings.fromEnvironment(Map.of("ALEX_RESEARCHER_URL", "https://x",
                "ALEX_RESEARCH_TIMEOUT_SECONDS", "ten minutes"))).hasMessageContaining("ALEX_RESEARCH_TIMEOUT_SECONDS");
    }

    @Test
    void withoutIamAuthNothingIsSigned() {
        handler(false).handleRequest(Map.of(), null);
        assertThat(seen.getFirst().get("authorization")).isEqualTo("null");
    }

    @Test
    void aFailedResearchFailsTheInvocationVisiblySoItLandsInTheDeadLetterQueue() {
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
        assertThatThrownBy(() -> SchedulerHandler.Settings.fromEnvironment(Map.of("ALEX_RESEARCHER_URL", "https://x", "ALEX_RESEARCHER_AUTH", "api_key")))
                .hasMessageContaining("ALEX_RESEARCHER_API_KEY");
    }

    @Test
    void aMissingResearcherUrlIsAConfigurationErrorThatSaysWhichVariable() {
        assertThatThrownBy(() -> SchedulerHandler.Settings.fromEnvironment(Map.of())).hasMessageContaining("ALEX_RESEARCHER_URL");
    }
}
