package app.alex.lambdas.scheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * EventBridge Scheduler's target: asks the researcher for its next scheduled report by calling
 * {@code POST /research/auto} directly (not through API Gateway, whose 29 s limit is shorter than
 * research), waits up to the research time limit, and fails the invocation when research fails so
 * the schedule's retry policy and dead-letter queue see it. Calls to a Lambda function URL are
 * signed with SigV4 (service "lambda") using the function's own role.
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
    /** java.net.http sets these itself and refuses them from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** How the scheduler proves itself to the researcher. */
    public sealed interface Auth {
        record None() implements Auth {
        }

        record Iam(AwsCredentialsProvider credentials, String region) implements Auth {
        }

        record ApiKey(String key) implements Auth {
        }
    }

    private final URI researcher;
    private final Auth auth;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The Lambda runtime's constructor: configuration from the environment, no network here. */
    public SchedulerHandler() {
        this(System.getenv());
    }

    SchedulerHandler(Map<String, String> env) {
        this(uri(env.get("ALEX_RESEARCHER_URL")), auth(env),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("ALEX_RESEARCH_TIMEOUT_SECONDS", "600").strip())));
    }

    public SchedulerHandler(URI researcher, Auth auth, Duration timeout) {
        this.researcher = researcher;
        this.auth = auth;
        this.timeout = timeout;
    }

    private static Auth auth(Map<String, String> env) {
        String mode = env.getOrDefault("ALEX_RESEARCHER_AUTH", "none").strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "aws_iam" -> new Auth.Iam(DefaultCredentialsProvider.builder().build(), env.getOrDefault("AWS_REGION", "us-east-1"));
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

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        URI target = URI.create(researcher + "/research/auto");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(target).timeout(timeout.plusSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (auth) {
            case Auth.Iam iam -> sign(target, body, iam).forEach((name, value) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    request.setHeader(name, value);
                }
            });
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
        result.put("topic", answer.path("topic").asText());
        result.put("title", answer.path("title").asText());
        result.put("citations", answer.path("citations").size());
        log("INFO", requestId, result);
        return result;
    }

    private static Map<String, String> sign(URI target, byte[] body, Auth.Iam iam) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().uri(target).method(SdkHttpMethod.POST)
                .putHeader("content-type", "application/json").build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(iam.credentials().resolveCredentials())
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, iam.region()));
        var headers = new LinkedHashMap<String, String>();
        signed.request().headers().forEach((name, values) -> headers.put(name, values.getFirst()));
        return headers;
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
