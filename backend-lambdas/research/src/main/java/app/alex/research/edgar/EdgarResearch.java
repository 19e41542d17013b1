package app.alex.research.edgar;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentQuery;
import app.alex.core.research.ResearchStep;
import app.alex.core.search.SearchFilter;
import app.alex.edgar.Edgar;
import app.alex.edgar.EdgarConfig;
import app.alex.edgar.company.Cik;
import app.alex.edgar.company.CompanyRef;
import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.filings.FilingResult;
import app.alex.edgar.filings.ImportListener;
import app.alex.edgar.filings.ImportReport;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Financials;
import app.alex.edgar.financials.Metric;
import app.alex.research.Tickers;
import app.alex.research.agent.Sources;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SEC EDGAR for the researcher: the agent's financials tool, the extractive brief's figures and the
 * schedule's new filings. It exists only when {@code ALEX_EDGAR_USER_AGENT} is set
 * ({@link #fromEnvironment}); without it the researcher never talks to EDGAR.
 */
public final class EdgarResearch {
    /** The forms a watched ticker's new filings are imported for. */
    public static final List<String> WATCHED_FORMS = List.of("10-K", "10-Q", "8-K");
    /** How far back the first scheduled run of a topic looks for filings. */
    public static final Duration FIRST_LOOK_BACK = Duration.ofDays(30);
    private static final int MAX_TICKERS = 3;

    private final Edgar edgar;
    private final Duration firstLookBack;

    public EdgarResearch(Edgar edgar, Duration firstLookBack) {
        this.edgar = edgar;
        this.firstLookBack = firstLookBack;
    }

    public EdgarResearch(Edgar edgar) {
        this(edgar, FIRST_LOOK_BACK);
    }

    /** EDGAR when {@code ALEX_EDGAR_USER_AGENT} is set (the other ALEX_EDGAR_* are read only then); else none. */
    public static Optional<EdgarResearch> fromEnvironment(Map<String, String> env) {
        String agent = env.get(EdgarConfig.USER_AGENT_ENV);
        if (agent == null || agent.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new EdgarResearch(Edgar.open(EdgarConfig.fromEnvironment(env))));
    }

    public Edgar edgar() {
        return edgar;
    }

    public Duration firstLookBack() {
        return firstLookBack;
    }

    /**
     * A company by ticker (or CIK): EDGAR's ticker list first, else a filing in the knowledge base
     * tagged with the ticker (its {@code cik} attribute). Empty when neither knows it.
     */
    public Optional<CompanyRef> company(String tickerOrCik, KnowledgeBase knowledgeBase) {
        try {
            return Optional.of(edgar.company(tickerOrCik));
        } catch (AlexException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        if (knowledgeBase == null) {
            return Optional.empty();
        }
        String ticker = tickerOrCik.strip().toUpperCase(Locale.ROOT);
        var filter = new SearchFilter(EnumSet.of(DocumentType.DOCUMENT), Set.of(ticker), null, null, null);
        for (DocumentRecord doc : knowledgeBase.documents(new DocumentQuery(filter, null, 20, null)).documents()) {
            String cik = doc.attributes() == null ? null : doc.attributes().get("cik");
            if (cik != null && Cik.looksLikeCik(cik)) {
                return Optional.of(new CompanyRef(Cik.parse(cik), ticker, doc.attributes().getOrDefault("company", "")));
            }
        }
        return Optional.empty();
    }

    /** The filing's folder on EDGAR's archives (its index of documents). */
    public String filingUrl(Cik cik, String accession) {
        return edgar.client().archivesUrl("/Archives/edgar/data/" + cik.plain() + "/" + accession.replace("-", "") + "/").toString();
    }

    static String filingTitle(String company, FinancialFigure.Source source) {
        return company + " " + source.form() + " filed " + source.filed() + " (accession " + source.accession() + ")";
    }

    static String companyName(CompanyRef ref, Financials financials) {
        return !ref.title().isBlank() ? ref.title() : !financials.company().isBlank() ? financials.company() : "CIK " + ref.cik();
    }

    // ---- the extractive brief's figures ----

    /**
     * The brief's "Figures" part for the first ticker of the topic EDGAR knows: the latest fiscal
     * year's revenue and net income and their change from the year before, each cited to the filing
     * that reported it. Empty when the topic names no such ticker, or EDGAR has no figures for it
     * (a 404 for the company facts, say): the brief then goes without.
     */
    public Optional<String> briefFigures(String topic, KnowledgeBase knowledgeBase, Sources sources, Consumer<ResearchStep> steps) {
        for (String ticker : Tickers.in(topic).stream().limit(MAX_TICKERS).toList()) {
            try {
                Optional<CompanyRef> ref = company(ticker, knowledgeBase);
                if (ref.isEmpty()) {
                    continue;
                }
                steps.accept(new ResearchStep(ResearchStep.Kind.FETCHING, "Reading " + ticker + "'s figures on SEC EDGAR"));
                Financials financials = edgar.financials(ref.get().cik());
                Optional<String> section = figuresSection(ref.get(), financials, sources);
                if (section.isPresent()) {
                    return section;
                }
            } catch (AlexException e) {
                steps.accept(new ResearchStep(ResearchStep.Kind.READING, "No figures from EDGAR for " + ticker + ": " + e.getMessage()));
                if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.UNPROCESSABLE_DOCUMENT) {
                    // EDGAR unreachable or refusing: the brief does not wait through its retries once per ticker.
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> figuresSection(CompanyRef ref, Financials financials, Sources sources) {
        String company = companyName(ref, financials);
        // Per metric: the latest fiscal year and the one before it, when reported.
        Map<Metric, List<FinancialFigure>> shown = new LinkedHashMap<>();
        for (Metric metric : List.of(Metric.REVENUE, Metric.NET_INCOME)) {
            List<FinancialFigure> series = financials.series(metric, false);
            if (series.isEmpty()) {
                continue;
            }
            FinancialFigure latest = series.getLast();
            var figures = new ArrayList<>(List.of(latest));
            financials.figure(metric, FiscalPeriod.year(latest.period().year() - 1)).ifPresent(figures::add);
            shown.put(metric, figures);
        }
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        // One source per filing, quoting every figure of this part it reported.
        Map<String, List<FinancialFigure>> byFiling = new LinkedHashMap<>();
        shown.values().forEach(figures -> figures.forEach(f ->
                byFiling.computeIfAbsent(filingUrl(ref.cik(), f.source().accession()), u -> new ArrayList<>()).add(f)));
        Map<String, Integer> number = new LinkedHashMap<>();
        byFiling.forEach((url, figures) -> number.put(url, sources.addFiling(url, "brief-figures", filingTitle(company,
                figures.getFirst().source()), String.join("\n", figures.stream().map(EdgarResearch::describe).toList()))));
        var lines = new ArrayList<String>();
        shown.forEach((metric, figures) -> {
            FinancialFigure latest = figures.getFirst();
            StringBuilder line = new StringBuilder("- **").append(metric.label()).append(" ").append(latest.period().label())
                    .append(":** ").append(format(metric, latest.value(), latest.unit()));
            if (figures.size() > 1) {
                FinancialFigure before = figures.get(1);
                BigDecimal change = latest.value().subtract(before.value());
                line.append(" (").append(before.period().label()).append(": ").append(format(metric, before.value(), before.unit()))
                        .append("; change ").append(change.signum() >= 0 ? "+" : "").append(format(metric, change, latest.unit()));
                if (before.value().signum() != 0) {
                    BigDecimal percent = change.multiply(BigDecimal.valueOf(100)).divide(before.value().abs(), 1, RoundingMode.HALF_UP);
                    line.append(", ").append(percent.signum() >= 0 ? "+" : "").append(percent.toPlainString()).append("%");
                }
                line.append(")");
            }
            figures.stream().map(f -> number.get(filingUrl(ref.cik(), f.source().accession()))).distinct()
                    .forEach(n -> line.append(" [").append(n).append("]"));
            lines.add(line.toString());
        });
        return Optional.of("## Figures\n\n" + company + " (" + (ref.ticker().isBlank() ? "CIK " + ref.cik() : ref.ticker())
                + "), fiscal years, as reported in its filings' XBRL data on SEC EDGAR (change from the year before "
                + "computed by Alex):\n\n" + String.join("\n", lines) + "\n");
    }

    /** One figure as a line a reader can check against the filing. */
    static String describe(FinancialFigure f) {
        return f.metric().label() + " " + f.period().label() + " (" + (f.start() != null ? f.start() + " to " + f.end() : "on " + f.end())
                + "): " + format(f.metric(), f.value(), f.unit()) + " (" + f.value().toPlainString() + " " + f.unit()
                + ", us-gaap:" + f.concept() + (f.derived() ? "; derived: the fiscal year's figure minus the first three quarters'" : "")
                + ")";
    }

    /** $3,626.4 million; -$3.86 per share; 332.7 million shares. */
    static String format(Metric metric, BigDecimal value, String unit) {
        String sign = value.signum() < 0 ? "-" : "";
        BigDecimal abs = value.abs();
        String currency = unit == null || unit.startsWith("USD") ? "$" : unit.replace("/shares", "") + " ";
        return switch (metric.kind()) {
            case PER_SHARE -> sign + currency + abs.setScale(2, RoundingMode.HALF_UP).toPlainString() + " per share";
            case SHARES -> String.format(Locale.ROOT, "%,.1f million shares", abs.doubleValue() / 1e6);
            case MONEY -> abs.compareTo(BigDecimal.valueOf(1_000_000)) >= 0
                    ? sign + currency + String.format(Locale.ROOT, "%,.1f million", abs.doubleValue() / 1e6)
                    : sign + currency + String.format(Locale.ROOT, "%,d", abs.setScale(0, RoundingMode.HALF_UP).longValue());
        };
    }

    // ---- the schedule's new filings ----

    /**
     * Before a scheduled report on {@code topic}: each ticker of the topic that EDGAR knows gets its
     * 10-K, 10-Q and 8-K filings from {@code since} to {@code until} imported into the knowledge base
     * (the importer skips those already there). Returns the report's "New filings" part, which says
     * what arrived and what failed; empty when the topic names no ticker EDGAR knows. Never throws:
     * EDGAR being down is said in the part, and the run goes on.
     */
    public Optional<String> importNewFilings(String topic, KnowledgeBase knowledgeBase, LocalDate since, LocalDate until,
                                             Consumer<ResearchStep> steps) {
        var arrived = new ArrayList<String>();
        var failed = new ArrayList<String>();
        var checked = new ArrayList<String>();
        for (String ticker : Tickers.in(topic).stream().limit(MAX_TICKERS).toList()) {
            try {
                Optional<CompanyRef> ref = company(ticker, knowledgeBase);
                if (ref.isEmpty()) {
                    continue;
                }
                checked.add(ticker);
                steps.accept(new ResearchStep(ResearchStep.Kind.FETCHING, "Checking SEC EDGAR for " + ticker + "'s filings since " + since));
                var submissions = edgar.submissions(ref.get().cik(), since);
                var filings = submissions.select(WATCHED_FORMS, since, until);
                ImportReport report = edgar.importer(knowledgeBase).importFilings(submissions, ticker, filings, new ImportListener() {
                    @Override
                    public void started(app.alex.edgar.company.Filing filing, int index, int total) {
                        steps.accept(new ResearchStep(ResearchStep.Kind.FETCHING, "Importing " + filing.form() + " filed "
                                + filing.filingDate() + " (" + index + " of " + total + ")"));
                    }

                    @Override
                    public boolean cancelled() {
                        return Thread.currentThread().isInterrupted();
                    }
                });
                for (FilingResult r : report.results()) {
                    String name = r.title() + ", filed " + r.filing().filingDate();
                    switch (r.status()) {
                        case IMPORTED -> arrived.add(name);
                        case FAILED -> failed.add(name + " (" + r.error() + ")");
                        case SKIPPED -> { }
                    }
                }
            } catch (AlexException e) {
                checked.add(ticker);
                failed.add("could not check " + ticker + "'s filings on SEC EDGAR (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                checked.add(ticker);
                failed.add("could not check " + ticker + "'s filings on SEC EDGAR (unexpected error: " + e + ")");
            }
        }
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder part = new StringBuilder("## New filings\n\n");
        part.append(arrived.isEmpty() ? "New filings: none" : "New filings: " + String.join("; ", arrived))
                .append(" (").append(String.join(", ", WATCHED_FORMS)).append(" of ").append(String.join(", ", checked))
                .append(" on SEC EDGAR filed from ").append(since).append(" to ").append(until)
                .append(arrived.isEmpty() ? "" : ", imported into the knowledge base before this report was written").append(").\n");
        if (!failed.isEmpty()) {
            part.append("\nNot imported: ").append(String.join("; ", failed)).append(".\n");
        }
        steps.accept(new ResearchStep(ResearchStep.Kind.READING, arrived.size() + " new filings imported"
                + (failed.isEmpty() ? "" : ", " + failed.size() + " failed")));
        return Optional.of(part.toString());
    }
}
