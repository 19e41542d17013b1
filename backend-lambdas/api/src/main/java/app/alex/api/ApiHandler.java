package app.alex.api;

/** One transport-independent HTTP handler: the knowledge-base API, the researcher, or both behind one port. */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request);

    /** Who calls, before the request is handled (for throttling); a plain handler cannot tell. */
    default Caller caller(ApiRequest request) {
        return Caller.ANONYMOUS;
    }
}
