package app.alex.cli.research;

import app.alex.cli.Backends;
import app.alex.cli.Json;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchJson;
import app.alex.core.research.ResearchReport;
import app.alex.research.llm.ModelSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code alex feed}: research reports newest first; {@code alex feed ID} prints one. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {"List research reports newest first, or print one by id (which marks it read)."})
public final class FeedCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "A report id to print.")
    String id;

    @Option(names = "--topic", description = "Only reports whose topic or title contains this, or about this ticker.")
    String topic;

    @Option(names = "--unread", description = "Only reports not opened yet.")
    boolean unread;

    @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "How many (1-200, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--cursor", description = "Continue from the cursor a previous --json page gave.")
    String cursor;

    @Option(names = "--json", description = "Print JSON: {\"reports\": [...], \"next_cursor\", \"unread\"}.")
    boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (var backend = Backends.open(spec);
             var researcher = backend.researcher(ModelSettings.NONE)) {
            if (id != null) {
                ResearchReport report = researcher.report(id);
                researcher.markRead(id, true);
                if (json) {
                    Json.print(out, ResearchJson.report(report));
                } else {
                    out.println(report.markdown());
                }
                out.flush();
                return 0;
            }
            var page = researcher.feed(new FeedQuery(topic, unread, cursor, limit));
            if (json) {
                Json.print(out, ResearchJson.page(page));
                return 0;
            }
            if (page.reports().isEmpty()) {
                out.println("No research yet. Run: alex research \"a topic\"");
            }
            for (ResearchReport r : page.reports()) {
                out.printf("%s %s  %s  %s%n    %s  (%s, %d sources, %s)%n", r.read() ? " " : "*", WHEN.format(r.createdAt()),
                        r.id(), r.title(), r.topic(), r.trigger().name().toLowerCase(), r.citations().size(), r.model());
            }
            out.printf("%d unread.%s%n", page.unread(), page.nextCursor() == null ? "" : " More: --cursor " + page.nextCursor());
            out.flush();
            return 0;
        }
    }
}
