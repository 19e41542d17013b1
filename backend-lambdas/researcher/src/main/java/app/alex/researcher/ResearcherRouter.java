package app.alex.researcher;

import app.alex.api.ApiJson;
import app.alex.api.ApiKeys;
import app.alex.api.ApiRequest;
import app.alex.api.ApiResponse;
import app.alex.api.Route;
import app.alex.api.RouteTable;
import app.alex.api.RoutedHandler;
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
import java.util.List;
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
import java.util.logging.Logger;
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
public final class ResearcherRouter implements RoutedHandler {
    private static final Logger LOG = Logger.getLogger(ResearcherRouter.class.getName());
    private static final Pattern REPORT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** The cloud function that serves every researcher route. */
    public static final String FUNCTION = "researcher";
    public static final String VERSION = "0.1.0";

    private final Researcher researcher;
    private final Duration timeLimit;
    private final Supplier<Map<String, Object>> health;
    private final RouteTable routes;

    /**
     * @param keys   accepted API keys; empty when the transport authenticates (IAM on the function URL)
     * @param health extra fields for /health (model, index); never secrets
     */
    public ResearcherRouter(Researcher researcher, ApiKeys keys, Duration timeLimit, Supplier<Map<String, Object>> health) {
        this.researcher = researcher;
        this.timeLimit = timeLimit;
        this.health = health;
        this.routes = RouteTable.of(keys, routeList());
    }

    /** The researcher's routes, listed once. */
    public RouteTable routes() {
        return routes;
    }

    private List<Route> routeList() {
        return List.of(
                new Route("GET", "/health", Route.Access.PUBLIC, FUNCTION, (request, path) -> ApiResponse.json(200, healthBody())),
                Route.keyed("POST", "/research", FUNCTION, (request, path) -> {
                    String topic = request.jsonObjectOrEmpty().path("topic").asText("");
                    return wantsStream(request) ? stream(steps -> researcher.research(topic, steps))
                            : ApiResponse.json(200, ResearchJson.report(limited(steps -> researcher.research(topic, steps), s -> { })));
                }),
                Route.keyed("POST", "/research/auto", FUNCTION, (request, path) -> autoResearch(request)),
                Route.keyed("GET", "/research", FUNCTION, (request, path) ->
                        ApiResponse.json(200, ResearchJson.page(researcher.feed(feedQuery(request))))),
                Route.keyed("GET", "/research/{id}", FUNCTION, (request, path) ->
                        ApiResponse.json(200, ResearchJson.report(researcher.report(reportId(path))))),
                Route.keyed("PUT", "/research/{id}/read", FUNCTION, (request, path) -> {
                    JsonNode body = request.jsonObjectOrEmpty();
                    researcher.markRead(reportId(path), !body.has("read") || body.path("read").asBoolean());
                    return new ApiResponse(204, Map.of(), new byte[0]);
                }));
    }

    private static String reportId(Map<String, String> path) {
        String id = path.get("id");
        if (!REPORT_ID.matcher(id).matches()) {
            throw AlexException.notFound("No research report with id " + id + ".");
        }
        return id;
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
        JsonNode slotField = request.jsonObjectOrEmpty().path("slot");
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

    private static FeedQuery feedQuery(ApiRequest request) {
        Map<String, String> query = request.query();
        int limit = request.limit(50, FeedQuery.MAX_LIMIT);
        return new FeedQuery(query.get("topic"), Boolean.parseBoolean(query.getOrDefault("unread", "false")),
                query.get("cursor"), limit);
    }
}
