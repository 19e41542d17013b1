package app.alex.lambdas.scheduler;

import app.alex.client.FunctionUrlSigner;
import app.alex.core.research.ResearchTimeLimit;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * EventBridge Scheduler's target: asks the researcher for its next scheduled report by calling
 * {@code POST /research/auto} directly (not through API Gateway, whose 29 s limit is shorter than
 * research), waits up to the research time limit, and fails the invocation when research fails so
 * the dead-letter queue sees it. The schedule's input carries its slot
 * ({@code "scheduled_time": "<aws.scheduler.scheduled-time>"}), passed on as {@code slot}: the
 * researcher answers a slot it has already researched with that report, so a repeated delivery
 * never pays for a second run. Calls to a Lambda function URL are signed with the shared
 * {@link FunctionUrlSigner} (SigV4, service "lambda") using the function's own role.
 *
 * <pre>
 * ALEX_RESEARCHER_URL            the researcher's base URL (function URL or App Runner URL)
 * ALEX_RESEARCHER_AUTH           aws_iam (function URL with IAM auth), api_key (App Runner) or none
 * ALEX_RESEARCHER_API_KEY        the key sent as x-api-key when the auth is api_key
 * ALEX_RESEARCH_TIMEOUT_SECONDS  how long research may take (default 600)
 * AWS_REGION                     set by Lambda; the signing region
 * </pre>
 */
public final class SchedulerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The field of the schedule's input that names the slot (terraform/schedule.tf). */
    public static final String SLOT_INPUT = "scheduled_time";

    /** How the scheduler proves itself to the researcher. */
    public sealed interface Auth {
        record None() implements Auth {
        }

        record Iam(FunctionUrlSigner signer) implements Auth {
        }

        record ApiKey(String key) implements Auth {
        }
    }

    /** The scheduler's configuration, read once from the environment when the function starts. */
    public record Settings(URI researcher, Auth auth, Duration timeout) {
        public static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(uri(env.get("ALEX_RESEARCHER_URL")), auth(env), ResearchTimeLimit.fromEnvironment(env));
        }

        private static Auth auth(Map<String, String> env) {
            String mode = env.getOrDefault("ALEX_RESEARCHER_AUTH", "none").strip().toLowerCase(Locale.ROOT);
            return switch (mode) {
                case "aws_iam" -> new Auth.Iam(new FunctionUrlSigner(DefaultCredentialsProvider.builder().build(),
                        env.getOrDefault("AWS_REGION", "us-east-1")));
                case "api_key" -> {
                    String key = env.get("ALEX_RESEARCHER_API_KEY");
                    if (key == null || key.isBlank()) {
                        throw new IllegalStateException("ALEX_RESEARCHER_AUTH is api_key but ALEX_RESEARCHER_API_KEY is not set.");
                    }
                    yield new Auth.ApiKey(key.strip());
                }
                case "none" -> new Auth.None();
                default -> throw new IllegalStateException("ALEX_RESEARCHER_AUTH must be aws_iam, api_key or none, not " + mode + ".");
            };
        }

        private static URI uri(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("ALEX_RESEARCHER_URL is not set: the scheduler does not know where the researcher is.");
            }
            return URI.create(value.strip().replaceAll("/+$", ""));
        }
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The Lambda runtime's constructor: configuration from the environment, no network here. */
    public SchedulerHandler() {
        this(Settings.fromEnvironment(System.getenv()));
    }

    public SchedulerHandler(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        URI researcher = settings.researcher();
        URI target = URI.create(researcher + "/research/auto");
        Object slot = input == null ? null : input.get(SLOT_INPUT);
        byte[] body = slotBody(slot);
        var request = HttpRequest.newBuilder(target).timeout(settings.timeout().plusSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (settings.auth()) {
            case Auth.Iam iam -> iam.signer().sign(request, "POST", target, body);
            case Auth.ApiKey key -> request.setHeader("x-api-key", key.key());
            case Auth.None none -> { }
        }
        String requestId = context == null ? null : context.getAwsRequestId();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log("ERROR", requestId, Map.of("message", "researcher unreachable: " + e.getClass().getSimpleName()));
            throw new IllegalStateException("Scheduled research failed: the researcher at " + researcher
                    + " could not be reached (" + e.getClass().getSimpleName() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Scheduled research was interrupted.", e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200) {
            String message = answer.path("error").path("message").asText(answer.path("message").asText("no message"));
            log("ERROR", requestId, Map.of("status", response.statusCode(), "message", message));
            throw new IllegalStateException("Scheduled research failed: the researcher answered HTTP "
                    + response.statusCode() + ": " + message);
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("report_id", answer.path("id").asText());
        result.put("slot", slot == null ? null : slot.toString());
        result.put("topic", answer.path("topic").asText());
        result.put("title", answer.path("title").asText());
        result.put("citations", answer.path("citations").size());
        log("INFO", requestId, result);
        return result;
    }

    private static byte[] slotBody(Object slot) {
        try {
            return slot instanceof String text && !text.isBlank()
                    ? JSON.writeValueAsBytes(Map.of("slot", text.strip())) : "{}".getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static void log(String level, String requestId, Map<String, ?> fields) {
        var line = new LinkedHashMap<String, Object>();
        line.put("level", level);
        line.put("request_id", requestId);
        line.put("component", "scheduler");
        line.putAll(fields);
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (IOException e) {
            System.out.println("{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}");
        }
    }
}
