package app.alex.cli.edgar;

import app.alex.core.text.Counts;
import app.alex.cli.Backends;
import app.alex.cli.CliErrors;
import app.alex.cli.Json;
import app.alex.cli.Printable;
import app.alex.core.error.AlexException;
import app.alex.edgar.Edgar;
import app.alex.edgar.EdgarConfig;
import app.alex.edgar.company.CompanyRef;
import app.alex.edgar.company.Filing;
import app.alex.edgar.company.Submissions;
import app.alex.edgar.filings.FilingResult;
import app.alex.edgar.filings.ImportListener;
import app.alex.edgar.filings.ImportReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code alex edgar AAPL}: a company's SEC filings from EDGAR into the knowledge base. */
@Command(name = "edgar", mixinStandardHelpOptions = true,
        description = {"Import a company's SEC filings (10-K, 10-Q, 8-K...) from EDGAR into the knowledge base.",
                "Each filing becomes one document, tagged with the ticker, form, fiscal period, filing date and "
                        + "accession number; filings already imported are skipped.",
                "Needs " + EdgarConfig.USER_AGENT_ENV + " (your name and e-mail: EDGAR refuses anonymous clients)."})
public final class EdgarCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TICKER|CIK", description = "The company: its ticker (AAPL) or its CIK (320193).")
    String company;

    @Option(names = "--forms", split = ",", defaultValue = "10-K,10-Q", paramLabel = "FORM",
            description = "Forms to import, comma-separated (default: ${DEFAULT-VALUE}; e.g. 10-K,10-Q,8-K,10-K/A).")
    List<String> forms;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Filed on or after this day (default: a year ago).")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Filed on or before this day (default: today).")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "At most the N newest matching filings.")
    Integer limit;

    @Option(names = "--json", description = "Print JSON: the company and one entry per filing.")
    boolean json;

    @Override
    public Integer call() {
        // Settings first: refuse before opening anything when EDGAR would refuse us.
        var config = EdgarConfig.fromEnvironment(Backends.environment(spec));
        LocalDate from = since == null ? LocalDate.now().minusYears(1) : date("--since", since);
        LocalDate to = until == null ? null : date("--until", until);
        if (to != null && to.isBefore(from)) {
            throw AlexException.badRequest("--until (" + to + ") is before --since (" + from + ").");
        }
        if (limit != null && limit < 1) {
            throw AlexException.badRequest("--limit must be at least 1.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var edgar = Edgar.open(config);
        CompanyRef ref = edgar.company(company);
        Submissions submissions = edgar.submissions(ref.cik(), from);
        List<Filing> filings = submissions.select(forms, from, to);
        if (limit != null && filings.size() > limit) {
            filings = filings.subList(0, limit);
        }
        String name = submissions.name().isBlank() ? ref.title() : submissions.name();
        if (filings.isEmpty()) {
            if (json) {
                Json.print(out, EdgarJson.importReport(submissions, new ImportReport(name, List.of(), false)));
            } else {
                out.println("No " + String.join(", ", forms) + " filings of " + Printable.line(name) + " filed "
                        + (to == null ? "since " + from : "from " + from + " to " + to) + ".");
                out.flush();
            }
            return 0;
        }
        ImportReport report;
        var stop = new AtomicBoolean();
        var finished = new CountDownLatch(1);
        // Ctrl-C stops between filings: what is stored stays stored, the next run goes on from there.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (var backend = Backends.open(spec)) {
            if (!json) {
                out.println(Printable.line(name) + " (CIK " + submissions.cik() + "): " + Counts.of(filings.size(), "filing")
                        + " to import into " + backend.location());
                out.flush();
            }
            var listener = new ImportListener() {
                @Override
                public void finished(FilingResult result, int index, int total) {
                    if (!json) {
                        out.println(line(result));
                        out.flush();
                    }
                }

                @Override
                public boolean cancelled() {
                    return stop.get();
                }
            };
            report = edgar.importer(backend.knowledgeBase()).importFilings(submissions, ref.ticker(), filings, listener);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting (Ctrl-C): nothing to remove
            }
        }
        if (json) {
            Json.print(out, EdgarJson.importReport(submissions, report));
        } else {
            out.println(Printable.line(name) + ": " + report.summary());
            out.flush();
        }
        err.flush();
        return report.count(FilingResult.Status.FAILED) == 0 ? 0 : CliErrors.FAILED;
    }

    /** "10-K    FY2024      filed 2024-11-01  imported   812 chunks  Apple Inc. 10-K FY2024" */
    static String line(FilingResult r) {
        String period = r.period() == null ? (r.filing().reportDate() == null ? "" : r.filing().reportDate().toString())
                : r.period().label();
        String what = switch (r.status()) {
            case IMPORTED, SKIPPED -> String.format(Locale.ROOT, "%5d chunks  %s", r.chunkCount(), Printable.line(r.title()));
            case FAILED -> Printable.line(r.error());
        };
        return String.format(Locale.ROOT, "%-7s %-10s filed %s  %-8s  %s", Printable.line(r.filing().form()), period,
                r.filing().filingDate(), r.status().wireName(), what);
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw AlexException.badRequest(option + " takes a day as YYYY-MM-DD (2024-11-01), not '" + value + "'.");
        }
    }
}
