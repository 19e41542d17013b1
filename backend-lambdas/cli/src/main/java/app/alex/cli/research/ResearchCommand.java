package app.alex.cli.research;

import app.alex.cli.Backends;
import app.alex.cli.Json;
import app.alex.core.research.ResearchJson;
import app.alex.core.research.ResearchReport;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.llm.ModelSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code alex research TOPIC}: a cited report from the knowledge base (and the web, with a model). */
@Command(name = "research", mixinStandardHelpOptions = true,
        description = {"Research a topic and print a Markdown report with numbered citations.",
                "The report is also stored in the knowledge base (type research) and in the feed.",
                "Language model from ALEX_LLM=none|openai|bedrock (see README); none writes an extractive brief."})
public final class ResearchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "What to research, e.g. \"NVIDIA data-center revenue trend\".")
    List<String> topic;

    @Option(names = "--json", description = "Print the report as JSON (id, title, markdown, citations, ...).")
    boolean json;

    @Option(names = "--quiet", description = "Do not print the steps on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        var settings = ModelSettings.fromEnvironment(Backends.environment(spec));
        try (var backend = Backends.open(spec);
             var researcher = backend.researcher(settings, Backends.remote(spec) ? java.util.Optional.empty()
                     : EdgarResearch.fromEnvironment(Backends.environment(spec)))) {
            if (!quiet) {
                err.println("Researching with " + (Backends.remote(spec) ? "the researcher at " + backend.location()
                        : settings.describe()) + " ...");
                err.flush();
            }
            ResearchReport report = researcher.research(String.join(" ", topic), step -> {
                if (!quiet) {
                    err.println("  " + step.kind().name().toLowerCase() + ": " + step.message());
                    err.flush();
                }
            });
            if (json) {
                Json.print(out, ResearchJson.report(report));
            } else {
                out.println(report.markdown());
                out.flush();
            }
            return 0;
        }
    }
}
