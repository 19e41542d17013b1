package app.alex.desktop.backend;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.desktop.ui.StartupTrace;
import app.alex.client.RemoteKnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.research.Researcher;
import app.alex.desktop.config.Settings;
import app.alex.embedded.EmbeddedBackend;
import app.alex.minilm.MiniLmEmbedder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Embedded: the knowledge base in a data folder on this machine. Remote: the HTTP API. */
public final class DefaultBackendFactory implements BackendFactory {
    public static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(60);

    private final ResearcherFactory researchers;
    private final DesktopEnvironment environment;

    /** @param environment gives the data folder when Settings names none */
    public DefaultBackendFactory(ResearcherFactory researchers, DesktopEnvironment environment) {
        this.researchers = researchers;
        this.environment = environment;
    }

    @Override
    public BackendSession open(Settings settings) {
        var backend = settings.backend();
        return switch (backend.mode()) {
            case EMBEDDED -> {
                Path dir = environment.dataDir(backend);
                StartupTrace.mark("opening embedded backend");
                EmbeddedBackend embedded = EmbeddedBackend.open(dir,
                        backend.fastEmbedding() ? MiniLmEmbedder.Precision.INT8 : MiniLmEmbedder.Precision.FP32);
                StartupTrace.mark("embedded backend open");
                try {
                    Researcher researcher = researchers.create(settings, embedded.knowledgeBase());
                    StartupTrace.mark("researcher created");
                    yield new BackendSession(Settings.Mode.EMBEDDED, dir.toString(), embedded.knowledgeBase(), researcher,
                            new PipelineIngestor(embedded.knowledgeBase()), embedded,
                            () -> embedded.embedder().embed(java.util.List.of("warm up the embedding model")));
                } catch (RuntimeException e) {
                    embedded.close();
                    throw e;
                }
            }
            case REMOTE -> {
                URI uri = apiUri(backend.apiUrl());
                var remote = new RemoteKnowledgeBase(uri, backend.apiKey(), REMOTE_TIMEOUT);
                Researcher researcher = researchers.create(settings, remote);
                yield new BackendSession(Settings.Mode.REMOTE, uri.toString(), remote, researcher,
                        new PipelineIngestor(remote), remote);
            }
        };
    }

    /** Checks an API URL the analyst typed; a clear message when it is not one. */
    public static URI apiUri(String url) {
        String value = url == null ? "" : url.strip();
        if (value.isEmpty()) {
            throw AlexException.badRequest("Enter the API URL (for example https://abc123.execute-api.us-east-1.amazonaws.com/prod).");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw AlexException.badRequest("The API URL must start with http:// or https://.");
        }
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                throw AlexException.badRequest("The API URL has no host name: " + value);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw AlexException.badRequest("The API URL is not a valid URL: " + value);
        }
    }
}
