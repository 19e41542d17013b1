package app.alex.api;

/**
 * Who sends a request, as far as the API keys can tell before any work is done. The local server
 * throttles by it: a bucket per valid key, a budget of failures per client address.
 */
public sealed interface Caller {
    Caller ANONYMOUS = new Anonymous();
    Caller REFUSED = new Refused();

    /** A public route, or a server without keys. */
    record Anonymous() implements Caller {
    }

    /** A valid key, known by its digest (never the key itself). */
    record Authenticated(String keyDigest) implements Caller {
    }

    /** A missing or wrong key: the request will be answered 401 or 403. */
    record Refused() implements Caller {
    }
}
