package app.alex.cli.search;

import app.alex.cli.Backends;
import app.alex.cli.FilterOptions;
import app.alex.cli.Json;
import app.alex.cli.Printable;
import app.alex.core.backend.KnowledgeBaseJson;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alex search "question" -k 5}: ranked passages. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the knowledge base by meaning (hybrid: meaning and keywords, by default).")
public final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What you are looking for.")
    List<String> words;

    @Option(names = {"-k", "--top-k"}, defaultValue = "10", description = "How many passages (1-100, default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--mode", defaultValue = "hybrid", description = "hybrid, semantic or keyword (default: ${DEFAULT-VALUE}).")
    String mode;

    @Mixin
    FilterOptions filters;

    @Option(names = "--json", description = "Print JSON: {\"results\": [{relevance, rank_score, text, document_id, title, source, ...}]}.")
    boolean json;

    @Override
    public Integer call() {
        var request = new SearchRequest(String.join(" ", words), topK, filters.toFilter(), SearchMode.parse(mode));
        SearchResponse response;
        try (var backend = Backends.open(spec)) {
            response = backend.knowledgeBase().search(request);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, toJson(response));
        } else {
            print(out, response);
        }
        return 0;
    }

    /** The API's own response shape, so a script reads the command line and the server alike. */
    static Map<String, Object> toJson(SearchResponse response) {
        return KnowledgeBaseJson.searchResponse(response);
    }

    private static void print(PrintWriter out, SearchResponse response) {
        if (response.results().isEmpty()) {
            out.println("No results. Try other words, --mode keyword, or check what is ingested with 'alex docs list'.");
            out.flush();
            return;
        }
        int rank = 1;
        for (SearchHit hit : response.results()) {
            // The relevance a reader can judge (meaning, 0-100%); keyword search compares no meaning, so its BM25 score.
            String relevance = hit.relevance() != null ? String.format(Locale.ROOT, "%3d%%", hit.relevance())
                    : String.format(Locale.ROOT, "BM25 %.2f", hit.score());
            out.printf(Locale.ROOT, "%2d. %s  %s%n", rank++, relevance, Printable.line(hit.title()));
            String where = hit.source().isEmpty() ? hit.documentId() : hit.source();
            out.println("    " + Printable.line(where) + (hit.page() > 0 ? "  (page " + hit.page() + ")" : ""));
            if (!hit.section().isEmpty()) {
                out.println("    § " + Printable.line(hit.section()));
            }
            if (!hit.alsoIn().isEmpty()) {
                out.println("    also in " + Printable.line(String.join(", ", hit.alsoIn())));
            }
            for (String line : wrap(oneLine(hit.text()), 96, 6)) {
                out.println("    " + Printable.line(line));
            }
            out.println();
        }
        out.flush();
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Word-wraps to {@code width}, at most {@code maxLines} lines, ending with "..." when cut. */
    static List<String> wrap(String text, int width, int maxLines) {
        var lines = new java.util.ArrayList<String>();
        var line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
                if (lines.size() == maxLines) {
                    String last = lines.getLast();
                    lines.set(maxLines - 1, (last.length() > width - 3 ? last.substring(0, width - 3) : last) + "...");
                    return lines;
                }
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
