package app.alex.cli.docs;

import app.alex.core.text.Counts;
import app.alex.cli.Backends;
import app.alex.cli.CliErrors;
import app.alex.cli.FilterOptions;
import app.alex.cli.Json;
import app.alex.cli.Printable;
import app.alex.core.backend.KnowledgeBaseJson;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code alex docs list|show|rm}: what the knowledge base holds. */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "List, show and delete documents.",
        subcommands = {DocsCommand.ListDocs.class, DocsCommand.ShowDoc.class, DocsCommand.RemoveDocs.class})
public final class DocsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List documents, newest first.")
    static final class ListDocs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        FilterOptions filters;

        @Option(names = "--limit", defaultValue = "50", description = "Documents per page (1-1000, default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--cursor", description = "Continue from the cursor a previous --json listing returned.")
        String cursor;

        @Option(names = "--all", description = "List every document (all pages).")
        boolean all;

        @Option(names = "--sort", defaultValue = "newest", description = "newest or title (default: ${DEFAULT-VALUE}).")
        String sort;

        @Option(names = "--json", description = "Print JSON: {\"documents\": [...], \"next_cursor\": ...}.")
        boolean json;

        @Override
        public Integer call() {
            var order = switch (sort.toLowerCase(Locale.ROOT)) {
                case "newest" -> DocumentQuery.Sort.NEWEST_INGESTED;
                case "title" -> DocumentQuery.Sort.TITLE;
                default -> throw AlexException.badRequest("--sort takes newest or title, not '" + sort + "'.");
            };
            var documents = new ArrayList<DocumentRecord>();
            String next;
            long total;
            try (var backend = Backends.open(spec)) {
                String page = cursor;
                do {
                    DocumentPage result = backend.knowledgeBase().documents(new DocumentQuery(filters.toFilter(), page, limit, order));
                    documents.addAll(result.documents());
                    page = result.nextCursor();
                } while (all && page != null);
                next = page;
                total = backend.knowledgeBase().stats().documents();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, KnowledgeBaseJson.documentPage(new DocumentPage(documents, next)));
                return 0;
            }
            if (documents.isEmpty()) {
                out.println(total == 0 ? "The knowledge base is empty. Add documents with: alex ingest PATH..."
                        : "No documents match.");
            } else {
                out.printf(Locale.ROOT, "%-26s %-9s %6s  %-16s  %s%n", "ID", "TYPE", "CHUNKS", "INGESTED", "TITLE / SOURCE");
                for (DocumentRecord d : documents) {
                    out.printf(Locale.ROOT, "%-26s %-9s %6d  %-16s  %s%n", d.id(), d.type().wireName(), d.chunkCount(),
                            DAY.format(d.ingestedAt()), Printable.line(d.title()));
                    if (!d.source().isEmpty() && !d.source().equals(d.title())) {
                        out.printf(Locale.ROOT, "%-62s%s%n", "", Printable.line(d.source()));
                    }
                }
                out.printf(Locale.ROOT, "%d shown of %d documents%s%n", documents.size(), total,
                        next != null ? " (more: --cursor " + next + ", or --all)" : "");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a document's metadata and passages.")
    static final class ShowDoc implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "Document id (see 'alex docs list').")
        String id;

        @Option(names = "--chunks", description = "Print every passage in full.")
        boolean chunks;

        @Option(names = "--json", description = "Print JSON: the document and its chunks.")
        boolean json;

        @Override
        public Integer call() {
            DocumentRecord document;
            List<ChunkRecord> passages;
            try (var backend = Backends.open(spec)) {
                document = backend.knowledgeBase().document(id);
                passages = backend.knowledgeBase().chunks(id);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, KnowledgeBaseJson.document(document, passages));
                return 0;
            }
            out.println(Printable.line(document.title()));
            out.println("  id:        " + document.id());
            out.println("  source:    " + Printable.line(document.source()));
            out.println("  type:      " + document.type().wireName());
            out.println("  tags:      " + Printable.line(String.join(", ", document.tags())));
            out.println("  date:      " + document.date());
            out.println("  ingested:  " + document.ingestedAt());
            out.println("  format:    " + document.mediaType() + ", " + document.charCount() + " characters, "
                    + Counts.of(document.chunkCount(), "chunk"));
            // A research report's own data rides in an attribute: show its size, not kilobytes of base64.
            document.attributes().forEach((k, v) -> out.println("  " + Printable.line(k) + ": " + Printable.line(
                    v.length() > 200 ? v.substring(0, 60) + "... (" + v.length() + " characters; --json shows it whole)" : v)));
            out.println();
            for (ChunkRecord c : passages) {
                String text = Printable.line(c.text().replaceAll("\\s+", " ").strip());
                if (!chunks && text.length() > 160) {
                    text = text.substring(0, 157) + "...";
                }
                out.printf(Locale.ROOT, "[%d]%s %s%n", c.index(), c.page() > 0 ? " p." + c.page() : "", text);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "rm", aliases = "delete", mixinStandardHelpOptions = true, description = "Delete documents and their passages.")
    static final class RemoveDocs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "ID", description = "Document ids to delete.")
        List<String> ids;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int missing = 0;
            try (var backend = Backends.open(spec)) {
                for (String id : ids) {
                    try {
                        backend.knowledgeBase().delete(id);
                        out.println("deleted " + id);
                    } catch (AlexException e) {
                        missing++;
                        err.println("alex: " + Printable.line(e.getMessage()));
                    }
                }
            }
            out.flush();
            err.flush();
            return missing == 0 ? 0 : CliErrors.NOT_FOUND;
        }
    }
}
