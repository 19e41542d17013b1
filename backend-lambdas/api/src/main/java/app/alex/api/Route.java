package app.alex.api;

import java.util.List;
import java.util.Map;

/**
 * One operation of the HTTP API: a method, a path template such as {@code /documents/{id}} (a
 * {@code {name}} matches one non-empty segment), whether a caller needs an API key, the cloud
 * function that serves it (API Gateway sends each route to one Lambda), and what it does.
 */
public record Route(String method, String template, Access access, String function, Action action) {
    public enum Access { PUBLIC, API_KEY }

    /** What a route does, given the request and the path parameters by name. */
    @FunctionalInterface
    public interface Action {
        ApiResponse run(ApiRequest request, Map<String, String> path);
    }

    public Route {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with /: " + template);
        }
    }

    public static Route keyed(String method, String template, String function, Action action) {
        return new Route(method, template, Access.API_KEY, function, action);
    }

    /** {@code "POST /ingest"}, as the OpenAPI file and API Gateway spell an operation. */
    public String operation() {
        return method + " " + template;
    }

    List<String> segments() {
        return RouteTable.segments(template);
    }
}
