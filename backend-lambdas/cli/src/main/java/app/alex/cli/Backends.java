package app.alex.cli;

import app.alex.client.RemoteKnowledgeBase;
import app.alex.client.RemoteResearcher;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.research.Researcher;
import app.alex.embedded.DataFolders;
import app.alex.embedded.EmbeddedBackend;
import app.alex.embedded.EmbeddedResearch;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.llm.ModelSettings;
import picocli.CommandLine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Opens what a command runs against: the embedded knowledge base in the folder the user chose, or,
 * with {@code --api-url} (or {@code ALEX_API_URL}), the remote API through the same client the
 * desktop uses. Either way files go through the one file pipeline ({@link KnowledgeBase#files()}).
 */
public final class Backends {
    public static final String API_URL_ENV = "ALEX_API_URL";
    public static final String API_KEY_ENV = "ALEX_API_KEY";
    static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration RESEARCH_TIMEOUT = Duration.ofMinutes(15);

    private Backends() {
    }

    /** A knowledge base with the file pipeline into it and a researcher over it. */
    public sealed interface Backend extends AutoCloseable {
        /** Files go in through {@link KnowledgeBase#files()}, the one pipeline. */
        KnowledgeBase knowledgeBase();

        Researcher researcher(ModelSettings model);

        /** @param edgar SEC EDGAR for the researcher when configured; a remote researcher has its own settings */
        default Researcher researcher(ModelSettings model, java.util.Optional<EdgarResearch> edgar) {
            return researcher(model);
        }

        /** For messages: the folder or the URL. */
        String location();

        @Override
        void close();
    }

    /** The knowledge base in a folder on this machine. */
    public record Embedded(EmbeddedBackend backend) implements Backend {
        @Override
        public KnowledgeBase knowledgeBase() {
            return backend.knowledgeBase();
        }

        @Override
        public Researcher researcher(ModelSettings model) {
            return researcher(model, java.util.Optional.empty());
        }

        @Override
        public Researcher researcher(ModelSettings model, java.util.Optional<EdgarResearch> edgar) {
            return EmbeddedResearch.open(backend, model, List::of, edgar);
        }

        @Override
        public String location() {
            return backend.dataDir().toString();
        }

        @Override
        public void close() {
            backend.close();
        }
    }

    /**
     * The API over HTTP (the deployed API Gateway or {@code alex serve}); research and the feed go to
     * the researcher at the same base URL, as {@code alex serve} serves it.
     */
    public record Remote(URI url, String apiKey, RemoteKnowledgeBase knowledgeBase) implements Backend {
        @Override
        public Researcher researcher(ModelSettings model) {
            return new RemoteResearcher(url, apiKey, REMOTE_TIMEOUT, RESEARCH_TIMEOUT);
        }

        @Override
        public String location() {
            return url.toString();
        }

        @Override
        public void close() {
            knowledgeBase.close();
        }
    }

    /** The environment variables the command line runs with (the process's, or a test's). */
    public static java.util.Map<String, String> environment(CommandLine.Model.CommandSpec spec) {
        return root(spec) instanceof AlexCommand alex ? alex.environment() : System.getenv();
    }

    /** The folder from --data-dir, else ALEX_DATA_DIR, else the platform default. */
    public static Path dataDir(CommandLine.Model.CommandSpec spec) {
        if (root(spec) instanceof AlexCommand alex && alex.dataDir() != null) {
            return alex.dataDir().toAbsolutePath();
        }
        return DataFolders.defaultDataDir(environment(spec));
    }

    /** True when the command runs against a remote API. */
    public static boolean remote(CommandLine.Model.CommandSpec spec) {
        return apiUrl(spec) != null;
    }

    public static Backend open(CommandLine.Model.CommandSpec spec) {
        String url = apiUrl(spec);
        if (url == null) {
            return new Embedded(openEmbedded(spec));
        }
        if (root(spec) instanceof AlexCommand alex && alex.dataDir() != null) {
            throw AlexException.badRequest("Choose one: --data-dir (a knowledge base on this machine) or --api-url "
                    + "(a remote one), not both.");
        }
        URI uri = apiUri(url);
        String key = root(spec) instanceof AlexCommand alex && alex.apiKey() != null ? alex.apiKey()
                : environment(spec).get(API_KEY_ENV);
        // A cold cloud embedding model answers 503 with Retry-After: say what the command waits for.
        var err = spec.commandLine().getErr();
        var knowledgeBase = new RemoteKnowledgeBase(uri, key, REMOTE_TIMEOUT)
                .onRetry(status -> err.println("alex: " + Printable.line(status.describe())));
        return new Remote(uri, key, knowledgeBase);
    }

    /** The embedded backend only, for commands that work on the folder itself (compact, serve). */
    public static EmbeddedBackend openEmbedded(CommandLine.Model.CommandSpec spec, String command) {
        if (remote(spec)) {
            throw AlexException.badRequest("'alex " + command + "' works on a knowledge base on this machine; "
                    + "drop --api-url (and ALEX_API_URL).");
        }
        return openEmbedded(spec);
    }

    /** The knowledge base in the data folder, embedding in the precision the command's environment asks for. */
    private static EmbeddedBackend openEmbedded(CommandLine.Model.CommandSpec spec) {
        return EmbeddedBackend.open(dataDir(spec), EmbeddedBackend.precision(environment(spec)));
    }

    private static String apiUrl(CommandLine.Model.CommandSpec spec) {
        String url = root(spec) instanceof AlexCommand alex && alex.apiUrl() != null ? alex.apiUrl()
                : environment(spec).get(API_URL_ENV);
        return url == null || url.isBlank() ? null : url.strip();
    }

    private static Object root(CommandLine.Model.CommandSpec spec) {
        return spec.root().commandLine().getCommand();
    }

    /** An http(s) URL with a host, or a message that says what is wrong with it. */
    static URI apiUri(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw AlexException.badRequest("--api-url must start with http:// or https://, not '" + value + "'.");
        }
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                throw AlexException.badRequest("--api-url has no host name: " + value);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw AlexException.badRequest("--api-url is not a valid URL: " + value);
        }
    }
}
