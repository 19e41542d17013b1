package app.alex.researcher;

import app.alex.api.ApiHandler;
import app.alex.api.ApiJson;
import app.alex.api.ApiKeys;
import app.alex.api.ApiRequest;
import app.alex.api.ApiResponse;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchJson;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The researcher's routes, written once for every transport (the HTTP server, App Runner, the
 * Lambda function URL):
 * <pre>
 * GET  /health                 model, version, status; no secrets
 * POST /research               {"topic": "..."}: the report; with Accept: text/event-stream, the steps live, then the report
 * POST /research/auto          picks the next watchlist topic (the scheduler calls this; {"slot": ISO time} makes it once per slot)
 * GET  /research               the feed: ?topic=&unread=true&cursor=&limit=
 * GET  /research/{id}          one report
 * PUT  /research/{id}/read     {"read": true|false}
 * </pre>
 * Research runs with a time limit; past it, or when a streaming client goes away, it is cancelled.
 */
public final class ResearcherRouter implements ApiHandler {
    private static final Logger LOG = Logger.getLogger(ResearcherRouter.class.getName());
    private static final Pattern REPORT = Pattern.compile("/research/([A-Za-z0-9_.-]{1,100})");
    private static final Pattern READ = Pattern.compile("/research/([A-Za-z0-9_.-]{1,100})/read");
    public static final String VERSION = "0.1.0";

    private final Researcher researcher;
    private final ApiKeys keys;
    private final Duration timeLimit;
    private final Supplier<Map<String, Object>> health;

    /**
     * @param keys   accepted API keys; empty when the transport authenticates (IAM on the function URL)
     * @param health extra fields for /health (model, index); never secrets
     */
    public ResearcherRouter(Researcher researcher, ApiKeys keys, Duration timeLimit, Supplier<Map<String, Object>> health) {
        this.researcher = researcher;
        this.keys = keys;
        this.timeLimit = timeLimit;
        this.health = health;
    }

    public static boolean owns(String path) {
        return path.equals("/health") || path.equals("/research") || path.startsWith("/research/");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        try {
            String path = request.path().length() > 1 && request.path().endsWith("/")
                    ? request.path().substring(0, request.path().length() - 1) : request.path();
            if (!path.equals("/health")) {
                keys.authenticate(request);
            }
            Matcher read = READ.matcher(path);
            Matcher report = REPORT.matcher(path);
            String route = read.matches() ? "/research/{id}/read" : path.equals("/research/auto") ? path
                    : report.matches() ? "/research/{id}" : path;
            return switch (request.method() + " " + route) {
                case "GET /health" -> ApiResponse.json(200, healthBody());
                case "POST /research" -> {
                    String topic = body(request).path("topic").asText("");
                    yield wantsStream(request) ? stream(steps -> researcher.research(topic, steps))
                            : ApiResponse.json(200, ResearchJson.report(limited(steps -> researcher.research(topic, steps), s -> { })));
                }
                case "POST /research/auto" -> autoResearch(request);
                case "GET /research" -> ApiResponse.json(200, ResearchJson.page(researcher.feed(feedQuery(request.query()))));
                case "GET /research/{id}" -> ApiResponse.json(200, ResearchJson.report(researcher.report(report.group(1))));
                case "PUT /research/{id}/read" -> {
                    JsonNode body = body(request);
                    researcher.markRead(read.group(1), !body.has("read") || body.path("read").asBoolean());
                    yield new ApiResponse(204, Map.of(), new byte[0]);
                }
                default -> throw owns(path) ? AlexException.badRequest("Method " + request.method() + " is not allowed on " + path + ".")
                        : AlexException.notFound("No such route: " + request.method() + " " + path + ".");
            };
        } catch (AlexException e) {
            return ApiResponse.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure on " + request.method() + " " + request.path(), e);
            return ApiResponse.error(ErrorCode.INTERNAL, "Something went wrong in the researcher; the request was not completed.");
        }
    }

    private Map<String, Object> healthBody() {
        var out = new LinkedHashMap<String, Object>();
        out.put("status", "ok");
        out.put("version", VERSION);
        out.putAll(health.get());
        return out;
    }

    /** The scheduler names its slot ({@code {"slot": ISO time}}), so a repeated call gives the slot's report, not a second run. */
    private ApiResponse autoResearch(ApiRequest request) {
        JsonNode slotField = body(request).path("slot");
        String slot = slotField.isTextual() ? slotField.asText() : null;
        java.util.function.Function<Consumer<ResearchStep>, ResearchReport> auto = steps -> researcher.researchAuto(slot, steps);
        return wantsStream(request) ? stream(auto) : ApiResponse.json(200, ResearchJson.report(limited(auto, ResearcherRouter::log)));
    }

    private static void log(ResearchStep step) {
        LOG.info(() -> "research step " + step.kind() + ": " + step.message());
    }

    private static boolean wantsStream(ApiRequest request) {
        String accept = request.header("accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    /** Runs research on its own virtual thread so the time limit can cancel it. */
    private ResearchReport limited(java.util.function.Function<Consumer<ResearchStep>, ResearchReport> work,
                                   Consumer<ResearchStep> steps) {
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ResearchReport> future = executor.submit(() -> work.apply(steps));
            try {
                return future.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new AlexException(ErrorCode.UNAVAILABLE, "Research took longer than " + timeLimit.toSeconds()
                        + " s and was stopped.");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new AlexException(ErrorCode.INTERNAL, "Research failed.", e.getCause());
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
            }
        }
    }

    /**
     * Server-sent events: {@code event: step} for each step, then {@code event: report} or
     * {@code event: error}. A client that disconnects cancels the research.
     */
    private ApiResponse stream(java.util.function.Function<Consumer<ResearchStep>, ResearchReport> work) {
        return new ApiResponse(200, Map.of("content-type", "text/event-stream", "cache-control", "no-cache"), null, out -> {
            var events = new LinkedBlockingQueue<Object>();
            var result = new AtomicReference<Object>();
            Thread worker = Thread.ofVirtual().name("research").start(() -> {
                try {
                    result.set(limited(work, events::add));
                } catch (RuntimeException e) {
                    result.set(e);
                } finally {
                    events.add(Boolean.TRUE);
                }
            });
            try {
                while (true) {
                    Object event = events.take();
                    if (event instanceof ResearchStep step) {
                        send(out, "step", ResearchJson.step(step));
                    } else {
                        break;
                    }
                }
                if (result.get() instanceof ResearchReport report) {
                    send(out, "report", ResearchJson.report(report));
                } else if (result.get() instanceof AlexException e) {
                    send(out, "error", Map.of("code", e.code().wireName(), "message", e.getMessage()));
                } else {
                    send(out, "error", Map.of("code", "internal", "message", "Research failed."));
                }
            } catch (IOException | InterruptedException e) {
                worker.interrupt(); // the client went away: stop researching
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private static void send(OutputStream out, String event, Object data) throws IOException {
        out.write(("event: " + event + "\ndata: " + ApiJson.MAPPER.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static JsonNode body(ApiRequest request) {
        if (request.body().length == 0) {
            return ApiJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = ApiJson.MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw AlexException.badRequest("The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw AlexException.badRequest("The request body is not valid JSON.");
        }
    }

    private static FeedQuery feedQuery(Map<String, String> query) {
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        } catch (NumberFormatException e) {
            throw AlexException.badRequest("limit must be a number between 1 and 200.");
        }
        return new FeedQuery(query.get("topic"), Boolean.parseBoolean(query.getOrDefault("unread", "false")),
                query.get("cursor"), limit);
    }
}
