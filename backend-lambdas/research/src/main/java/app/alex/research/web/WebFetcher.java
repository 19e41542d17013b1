package app.alex.research.web;

import java.net.URI;

/** Fetches a web page's readable text for the agent. */
public interface WebFetcher {

    /** @throws app.alex.core.error.AlexException with a message the model (and a person) can read */
    FetchedPage fetch(URI url);

    record FetchedPage(URI url, String title, String text) {
    }
}
