package app.alex.cli.edgar;

import app.alex.cli.Backends;
import app.alex.cli.Json;
import app.alex.cli.Printable;
import app.alex.core.error.AlexException;
import app.alex.edgar.Edgar;
import app.alex.edgar.EdgarConfig;
import app.alex.edgar.company.CompanyRef;
import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Financials;
import app.alex.edgar.financials.Metric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code alex financials SNOW}: a company's headline figures by fiscal period, from its XBRL company facts. */
@Command(name = "financials", mixinStandardHelpOptions = true,
        description = {"Show a company's headline figures (revenue, net income, EPS, cash flow, balance sheet) by fiscal "
                + "period, from the XBRL data of its filings on EDGAR.",
                "Needs " + EdgarConfig.USER_AGENT_ENV + " (your name and e-mail: EDGAR refuses anonymous clients)."})
public final class FinancialsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TICKER|CIK", description = "The company: its ticker (SNOW) or its CIK (1640147).")
    String company;

    @Option(names = "--quarterly", description = "Fiscal quarters (three-month figures) instead of fiscal years.")
    boolean quarterly;

    @Option(names = "--periods", paramLabel = "N", description = "The N latest periods (default: 5 years or 8 quarters; "
            + "--json gives all unless set).")
    Integer periods;

    @Option(names = "--json", description = "Print JSON: every figure with its period, unit and the filing that reported it.")
    boolean json;

    @Override
    public Integer call() {
        var config = EdgarConfig.fromEnvironment(Backends.environment(spec));
        if (periods != null && periods < 1) {
            throw AlexException.badRequest("--periods must be at least 1.");
        }
        var edgar = Edgar.open(config);
        CompanyRef ref = edgar.company(company);
        Financials financials = edgar.financials(ref.cik());
        List<FiscalPeriod> all = financials.periods(quarterly);
        int keep = periods != null ? periods : json ? all.size() : quarterly ? 8 : 5;
        List<FiscalPeriod> shown = all.subList(Math.max(0, all.size() - keep), all.size());
        Set<FiscalPeriod> wanted = Set.copyOf(shown);
        List<FinancialFigure> figures = financials.figures(quarterly).stream().filter(f -> wanted.contains(f.period())).toList();
        PrintWriter out = spec.commandLine().getOut();
        String name = ref.title().isBlank() ? financials.company() : ref.title();
        if (json) {
            Json.print(out, EdgarJson.financials(financials, quarterly, figures));
            return 0;
        }
        if (shown.isEmpty()) {
            out.println("EDGAR's XBRL data for " + Printable.line(name) + " has no " + (quarterly ? "quarterly" : "annual")
                    + " headline figures.");
            out.flush();
            return 0;
        }
        Set<String> currencies = figures.stream().filter(f -> f.metric().kind() == Metric.Kind.MONEY)
                .map(FinancialFigure::unit).collect(Collectors.toCollection(java.util.TreeSet::new));
        String currency = currencies.size() == 1 ? currencies.iterator().next() : String.join("/", currencies);
        out.println(Printable.line(name) + " (CIK " + financials.cik() + "), " + (quarterly ? "fiscal quarters" : "fiscal years")
                + ": " + (currency.isEmpty() ? "" : currency + " ") + "millions; EPS per share; shares in millions");
        var header = new StringBuilder(String.format(Locale.ROOT, "%-22s", ""));
        for (FiscalPeriod p : shown) {
            header.append(String.format(Locale.ROOT, " %12s", p.label()));
        }
        out.println(header);
        for (Metric metric : Metric.values()) {
            if (figures.stream().noneMatch(f -> f.metric() == metric)) {
                continue;
            }
            var row = new StringBuilder(String.format(Locale.ROOT, "%-22s", metric.label()));
            for (FiscalPeriod p : shown) {
                String cell = financials.figure(metric, p).map(f -> format(f) + (f.derived() ? "*" : "")).orElse("n/a");
                row.append(String.format(Locale.ROOT, " %12s", cell));
            }
            out.println(row);
        }
        out.println("Each figure is from the latest filing that reported it; --json gives the filings and the period dates.");
        if (quarterly) {
            out.println("Quarters show three-month figures as filed. * a fourth quarter no filing reports on its own: the "
                    + "10-K's year minus the 10-Qs' first three quarters. A 10-Q's cash flow covers the year to date, so "
                    + "its quarters show n/a, as do per-share figures and share counts for a fourth quarter.");
        }
        out.flush();
        return 0;
    }

    static String format(FinancialFigure figure) {
        var symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        return switch (figure.metric().kind()) {
            case PER_SHARE -> new DecimalFormat("#,##0.00", symbols).format(figure.value());
            case MONEY, SHARES -> new DecimalFormat("#,##0.0", symbols)
                    .format(figure.value().divide(BigDecimal.valueOf(1_000_000), 1, RoundingMode.HALF_EVEN));
        };
    }
}
