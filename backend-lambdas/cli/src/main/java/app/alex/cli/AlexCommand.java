package app.alex.cli;

import app.alex.cli.docs.DocsCommand;
import app.alex.cli.docs.CompactCommand;
import app.alex.cli.edgar.EdgarCommand;
import app.alex.cli.edgar.FinancialsCommand;
import app.alex.cli.ingest.IngestCommand;
import app.alex.cli.search.SearchCommand;
import app.alex.cli.serve.ServeCommand;
import app.alex.cli.research.ResearchCommand;
import app.alex.cli.research.FeedCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code alex} command line. Each feature adds its subcommand class to the list below.
 */
@Command(name = "alex",
        mixinStandardHelpOptions = true,
        versionProvider = AlexCommand.Version.class,
        description = "Alex Workbench: ingest documents, search them by meaning, research and read the feed.",
        subcommands = {
                IngestCommand.class,
                SearchCommand.class,
                DocsCommand.class,
                CompactCommand.class,
                ServeCommand.class,
                ResearchCommand.class,
                FeedCommand.class,
                EdgarCommand.class,
                FinancialsCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class AlexCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Path dataDir;

    /** Inherited by every subcommand, so both {@code alex --data-dir X ingest} and {@code alex ingest --data-dir X} work. */
    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Knowledge base folder (default: $ALEX_DATA_DIR, else ~/.local/share/alex).")
    void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    private String apiUrl;
    private String apiKey;

    /** A remote knowledge base instead of a folder: the deployed API or another machine's {@code alex serve}. */
    @Option(names = "--api-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Run against the Alex API at URL (the deployed API Gateway stage or 'alex serve') "
                    + "instead of a folder (default: $ALEX_API_URL).")
    void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Option(names = "--api-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = "The API key sent as x-api-key with --api-url (default: $ALEX_API_KEY).")
    void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The process environment; tests pass their own (the JVM's cannot be changed). */
    private final Map<String, String> environment;

    public AlexCommand() {
        this(System.getenv());
    }

    AlexCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Kept strongly reachable: java.util.logging holds loggers weakly. */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    public static void main(String[] args) {
        // Library chatter (Lucene's vectorization notice) is not for the person at the terminal.
        LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
        // POI brings log4j-api without a provider; its one-line complaint helps nobody.
        System.setProperty("log4j2.statusLoggerLevel", "OFF");
        System.exit(newCommandLine().execute(args));
    }

    /** Builds the command line with Alex's error handling; tests use it too. */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.getenv());
    }

    /** The command line reading these environment variables instead of the process's (for tests). */
    public static CommandLine newCommandLine(Map<String, String> environment) {
        var commandLine = new CommandLine(new AlexCommand(environment));
        commandLine.setExecutionExceptionHandler(new CliErrors());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AlexCommand.class.getPackage().getImplementationVersion();
            return new String[]{"alex " + (version == null ? "development build" : version)};
        }
    }
}
