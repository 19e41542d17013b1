package app.alex.desktop.settings;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.client.RemoteKnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.index.DocumentQuery;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.DefaultBackendFactory;
import app.alex.desktop.config.Settings;
import app.alex.desktop.ui.Errors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * "Test connection": tries the settings as typed, without saving or switching to them, and says
 * in one sentence whether they work and, if not, what to fix.
 */
public final class ConnectionCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The outcome: works or not, and a sentence for the analyst. */
    public record Verdict(boolean ok, String message) {
    }

    private ConnectionCheck() {
    }

    /** Runs the check (blocking: call it off the FX thread). {@code current} is the open session, or null. */
    public static Verdict check(Settings settings, BackendSession current, DesktopEnvironment environment) {
        var backend = settings.backend();
        return switch (backend.mode()) {
            case REMOTE -> remote(backend);
            case EMBEDDED -> embedded(environment.dataDir(backend), current);
        };
    }

    private static Verdict remote(Settings.Backend backend) {
        URI uri;
        try {
            uri = DefaultBackendFactory.apiUri(backend.apiUrl());
        } catch (AlexException e) {
            return new Verdict(false, e.getMessage());
        }
        String api;
        try {
            var remote = new RemoteKnowledgeBase(uri, backend.apiKey(), TIMEOUT);
            var page = remote.documents(DocumentQuery.firstPage(1));
            api = "Connected: the API at " + uri + " accepted the key"
                    + (page.documents().isEmpty() ? " (its knowledge base is empty)." : ".");
        } catch (RuntimeException e) {
            return new Verdict(false, "Failed: " + Errors.message(e));
        }
        if (backend.researcherUrl().isBlank()) {
            return new Verdict(true, api);
        }
        Verdict researcher = researcher(backend.researcherUrl(), backend.apiKey());
        return new Verdict(researcher.ok(), api + " " + researcher.message());
    }

    private static Verdict researcher(String url, String apiKey) {
        URI health;
        try {
            URI base = DefaultBackendFactory.apiUri(url);
            String text = base.toString();
            health = URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/health");
        } catch (AlexException e) {
            return new Verdict(false, "Researcher: " + e.getMessage().replace("API URL", "researcher URL"));
        }
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            var request = HttpRequest.newBuilder(health).timeout(TIMEOUT).GET();
            if (!apiKey.isBlank()) {
                request.header("x-api-key", apiKey);
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? new Verdict(true, "The researcher answers.")
                    : new Verdict(false, "The researcher at " + url + " answered HTTP " + status + " to /health.");
        } catch (IOException e) {
            return new Verdict(false, "Cannot reach the researcher at " + url + ": check the URL and that it is running.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "Stopped.");
        }
    }

    private static Verdict embedded(Path dir, BackendSession current) {
        if (current != null && current.mode() == Settings.Mode.EMBEDDED && Path.of(current.location()).equals(dir)) {
            try {
                var stats = current.knowledgeBase().stats();
                return new Verdict(true, "Working: the knowledge base in " + dir + " holds " + stats.documents()
                        + " documents and " + stats.chunks() + " passages.");
            } catch (RuntimeException e) {
                return new Verdict(false, "Failed: " + Errors.message(e));
            }
        }
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir) ? new Verdict(true, "The folder " + dir + " is usable. Save to switch to it.")
                    : new Verdict(false, "The folder " + dir + " is not writable: choose another one.");
        }
        if (Files.exists(dir)) {
            return new Verdict(false, dir + " is a file, not a folder.");
        }
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        return parent != null && Files.isWritable(parent)
                ? new Verdict(true, "The folder " + dir + " will be created when you save.")
                : new Verdict(false, "The folder " + dir + " cannot be created here: choose another one.");
    }
}
