package app.alex.client;

import java.time.Duration;

/**
 * What the client is waiting for: the server answered 503 with {@code Retry-After} (the cloud
 * embedding model is starting, say), and the client will try again after {@code wait}. The
 * desktop shows it in its status bar, the command line on stderr.
 *
 * @param message the server's own words, e.g. "The cloud embedding model is starting ...; try again in 15 s."
 * @param delay   how long the client waits before trying again
 * @param attempt the try that is coming (2 for the first retry)
 * @param most    tries it makes at most
 */
public record RetryStatus(String message, Duration delay, int attempt, int most) {

    /** One line for a person: "Waiting 15 s, then trying again (2 of 12): The cloud embedding model is starting ...". */
    public String describe() {
        return "Waiting " + delay.toSeconds() + " s, then trying again (" + attempt + " of " + most + "): " + message;
    }
}
