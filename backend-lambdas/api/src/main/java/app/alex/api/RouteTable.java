package app.alex.api;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The HTTP edge, written once for the knowledge-base API and the researcher, whatever the
 * transport: path normalising ({@code //documents/} is {@code /documents}), route matching (a
 * literal segment beats a parameter), 404 for an unknown path, 405 with {@code Allow} for a known
 * path and the wrong method, HEAD answered as GET without a body, API-key checks per route, and
 * one error mapping to {@code {"error": {"code", "message"}}} that never shows a stack trace.
 */
public final class RouteTable implements ApiHandler {
    private static final Logger LOG = Logger.getLogger(RouteTable.class.getName());

    private record Entry(Route route, ApiKeys keys) {
    }

    /** A route matched to a request's path, with the path parameters it bound. */
    public record Match(Route route, Map<String, String> parameters) {
    }

    private final List<Entry> entries;

    private RouteTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        var seen = new LinkedHashSet<String>();
        for (Entry e : entries) {
            if (!seen.add(e.route().operation())) {
                throw new IllegalArgumentException("route listed twice: " + e.route().operation());
            }
        }
    }

    /** @param keys the API keys that {@link Route.Access#API_KEY} routes accept; empty: the transport authenticates */
    public static RouteTable of(ApiKeys keys, List<Route> routes) {
        return new RouteTable(routes.stream().map(r -> new Entry(r, keys)).toList());
    }

    /** Several tables served on one port (the local server: knowledge base and researcher together). */
    public static RouteTable join(RouteTable... tables) {
        return new RouteTable(Stream.of(tables).flatMap(t -> t.entries.stream()).toList());
    }

    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /** {@code /a//b/} becomes {@code /a/b}: repeated and trailing slashes carry no meaning here. */
    public static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return "/" + String.join("/", segments(path));
    }

    static List<String> segments(String path) {
        var out = new ArrayList<String>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                out.add(segment);
            }
        }
        return out;
    }

    /** The route this method and path reach, if any (HEAD reaches GET routes). */
    public Optional<Match> match(String method, String path) {
        List<String> segments = segments(path);
        String wanted = "HEAD".equals(method) ? "GET" : method;
        return best(segments).stream().filter(m -> m.route().method().equals(wanted)).findFirst();
    }

    /** Every route of the most specific template that matches the path (empty: no such path). */
    private List<Match> best(List<String> segments) {
        var candidates = new ArrayList<Match>();
        int bestScore = -1;
        for (Entry e : entries) {
            List<String> template = e.route().segments();
            if (template.size() != segments.size()) {
                continue;
            }
            var parameters = new LinkedHashMap<String, String>();
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.size() && matches; i++) {
                String t = template.get(i);
                if (t.startsWith("{") && t.endsWith("}")) {
                    parameters.put(t.substring(1, t.length() - 1), segments.get(i));
                } else if (t.equals(segments.get(i))) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (!matches || literals < bestScore) {
                continue;
            }
            if (literals > bestScore) {
                candidates.clear();
                bestScore = literals;
            }
            candidates.add(new Match(e.route(), parameters));
        }
        // Only the routes of one template: a literal path such as /research/auto hides /research/{id}.
        if (candidates.isEmpty()) {
            return candidates;
        }
        String template = candidates.getFirst().route().template();
        return candidates.stream().filter(m -> m.route().template().equals(template)).toList();
    }

    /** The {@link Route#function()} of the routes at this path, whatever the method; empty when no route has it. */
    public Optional<String> functionFor(String path) {
        return best(segments(path)).stream().map(m -> m.route().function()).findFirst();
    }

    /** Who is calling, as far as the route's keys can tell; the local server throttles by it. */
    @Override
    public Caller caller(ApiRequest request) {
        Optional<Match> match = match(request.method(), request.path());
        if (match.isEmpty() || match.get().route().access() == Route.Access.PUBLIC) {
            return Caller.ANONYMOUS;
        }
        return keysOf(match.get().route()).identify(request.header("x-api-key"));
    }

    private ApiKeys keysOf(Route route) {
        return entries.stream().filter(e -> e.route() == route).findFirst().orElseThrow().keys();
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        try {
            String path = normalise(request.path());
            List<Match> matches = best(segments(path));
            if (matches.isEmpty()) {
                throw AlexException.notFound("No such route: " + request.method() + " " + path + ".");
            }
            boolean head = "HEAD".equals(request.method());
            String wanted = head ? "GET" : request.method();
            Match match = matches.stream().filter(m -> m.route().method().equals(wanted)).findFirst()
                    .orElseThrow(() -> new MethodNotAllowed(request.method(), path, allowed(matches)));
            if (match.route().access() == Route.Access.API_KEY) {
                keysOf(match.route()).authenticate(request);
            }
            ApiResponse response = match.route().action().run(request.withPath(path), match.parameters());
            return head ? withoutBody(response) : response;
        } catch (MethodNotAllowed e) {
            var error = ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED, e.getMessage());
            var headers = new LinkedHashMap<>(error.headers());
            headers.put("allow", String.join(", ", e.allow));
            return new ApiResponse(error.status(), headers, error.body());
        } catch (AlexException e) {
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure on " + request.method() + " " + request.path(), e);
            return ApiResponse.error(ErrorCode.INTERNAL, "Something went wrong on the server; the request was not completed.");
        }
    }

    private static Collection<String> allowed(List<Match> matches) {
        var methods = new LinkedHashSet<String>();
        for (Match m : matches) {
            methods.add(m.route().method());
            if (m.route().method().equals("GET")) {
                methods.add("HEAD");
            }
        }
        return methods;
    }

    /** HEAD: the GET response's status and headers, its length, no body. */
    private static ApiResponse withoutBody(ApiResponse response) {
        if (response.stream() != null) {
            return new ApiResponse(response.status(), response.headers(), null);
        }
        var headers = new LinkedHashMap<>(response.headers());
        headers.put("content-length", Integer.toString(response.body().length));
        return new ApiResponse(response.status(), headers, null);
    }

    private static final class MethodNotAllowed extends RuntimeException {
        final Collection<String> allow;

        MethodNotAllowed(String method, String path, Collection<String> allow) {
            super("Method " + method + " is not allowed on " + path + "; use " + String.join(" or ", allow) + ".", null, false, false);
            this.allow = allow;
        }
    }
}
