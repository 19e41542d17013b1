package app.alex.api;

/** One transport-independent HTTP handler: the knowledge-base API, the researcher, or both behind one port. */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request);
}
