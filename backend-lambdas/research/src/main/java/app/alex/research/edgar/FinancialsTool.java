package app.alex.research.edgar;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.llm.ToolSpec;
import app.alex.core.research.ResearchStep;
import app.alex.edgar.company.Cik;
import app.alex.edgar.company.CompanyRef;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Financials;
import app.alex.edgar.financials.Metric;
import app.alex.research.agent.Sources;
import app.alex.research.agent.UntrustedText;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The agent's {@code company_financials} tool: one metric of a company by fiscal year or quarter,
 * as its filings reported it in XBRL (EDGAR's company facts). The values are grouped by the filing
 * that reported them, and each filing is a numbered source quoted like a fetched page, so a figure
 * in the report is cited to its 10-K or 10-Q. One instance per research run: a company's facts
 * are read once however often the model asks.
 */
public final class FinancialsTool {
    public static final String NAME = "company_financials";
    private static final int MAX_PERIODS = 12;

    private final EdgarResearch edgar;
    private final KnowledgeBase knowledgeBase;
    private final Map<Cik, Financials> read = new HashMap<>();

    public FinancialsTool(EdgarResearch edgar, KnowledgeBase knowledgeBase) {
        this.edgar = edgar;
        this.knowledgeBase = knowledgeBase;
    }

    public static ToolSpec spec() {
        List<String> metrics = Arrays.stream(Metric.values()).map(Metric::wireName).toList();
        return new ToolSpec(NAME, "Reported financial figures of a US-listed company from its SEC filings (XBRL data on EDGAR): "
                + "one metric by fiscal year or quarter, each value with the 10-K or 10-Q that reported it as a numbered "
                + "source to cite as [n]. Prefer it to web pages for a company's own numbers.",
                Map.of("type", "object", "properties", Map.of(
                                "ticker", Map.of("type", "string", "description", "the company's ticker (AAPL) or CIK (320193)"),
                                "metric", Map.of("type", "string", "enum", metrics),
                                "period", Map.of("type", "string", "enum", List.of("annual", "quarterly"),
                                        "description", "fiscal years (default) or fiscal quarters"),
                                "periods", Map.of("type", "integer", "minimum", 1, "maximum", MAX_PERIODS,
                                        "description", "how many of the latest periods (default 5 years or 8 quarters)")),
                        "required", List.of("ticker", "metric")));
    }

    /** The tool's answer for the model; a mistake in the arguments is an {@link AlexException} the agent reports back. */
    public String run(JsonNode args, Sources sources, Consumer<ResearchStep> steps) {
        String ticker = args.path("ticker").asText("").strip();
        if (ticker.isEmpty()) {
            throw AlexException.badRequest(NAME + " needs a \"ticker\" (AAPL) or a CIK.");
        }
        String metricName = args.path("metric").asText("").strip().toLowerCase(Locale.ROOT);
        Metric metric = Arrays.stream(Metric.values()).filter(m -> m.wireName().equals(metricName)).findFirst()
                .orElseThrow(() -> AlexException.badRequest(NAME + " has no metric '" + metricName + "'. Metrics: "
                        + String.join(", ", Arrays.stream(Metric.values()).map(Metric::wireName).toList()) + "."));
        String period = switch (args.path("period").asText("annual").strip().toLowerCase(Locale.ROOT)) {
            case "", "annual", "annually", "yearly", "year", "years", "fy" -> "annual";
            case "quarterly", "quarter", "quarters", "q" -> "quarterly";
            default -> args.path("period").asText();
        };
        if (!period.equals("annual") && !period.equals("quarterly")) {
            throw AlexException.badRequest(NAME + "'s \"period\" is annual or quarterly, not '" + period + "'.");
        }
        boolean quarters = period.equals("quarterly");
        int periods = Math.clamp(args.path("periods").asInt(quarters ? 8 : 5), 1, MAX_PERIODS);

        CompanyRef ref = edgar.company(ticker, knowledgeBase).orElseThrow(() -> AlexException.notFound(
                "EDGAR knows no company with the ticker '" + ticker + "'. Give its CIK, or search the knowledge base instead."));
        steps.accept(new ResearchStep(ResearchStep.Kind.FETCHING, "Reading " + metric.label().toLowerCase(Locale.ROOT)
                + " of " + ticker + " from SEC EDGAR"));
        Financials financials = read.get(ref.cik());
        if (financials == null) {
            financials = edgar.edgar().financials(ref.cik());
            read.put(ref.cik(), financials);
        }
        String company = EdgarResearch.companyName(ref, financials);
        List<FinancialFigure> series = financials.series(metric, quarters);
        series = series.subList(Math.max(0, series.size() - periods), series.size());
        String who = company + " (" + (ref.ticker().isBlank() ? "" : ref.ticker() + ", ") + "CIK " + ref.cik() + ")";
        if (series.isEmpty()) {
            return "EDGAR's XBRL data of " + who + " has no " + period + " " + metric.label().toLowerCase(Locale.ROOT)
                    + " figures" + (quarters ? " (year-to-date cash flows are not reported as quarters; a fourth quarter is derived only for amounts over a period)" : "") + ".";
        }
        // Grouped by the filing that reported them: each filing is one source.
        Map<FinancialFigure.Source, List<FinancialFigure>> byFiling = new LinkedHashMap<>();
        for (FinancialFigure f : series) {
            byFiling.computeIfAbsent(f.source(), s -> new ArrayList<>()).add(f);
        }
        StringBuilder out = new StringBuilder(metric.label() + " (" + (quarters ? "fiscal quarters" : "fiscal years") + ") of " + who
                + ", as its filings reported it in XBRL on SEC EDGAR (latest filed value per period). Each source is the filing "
                + "that reported the values in it; cite it as [n].\n");
        byFiling.forEach((source, figures) -> {
            String url = edgar.filingUrl(ref.cik(), source.accession());
            String text = String.join("\n", figures.stream().map(EdgarResearch::describe).toList());
            String title = EdgarResearch.filingTitle(company, source);
            int n = sources.addFiling(url, metric.wireName() + ":" + period + ":" + figures.getFirst().period().tag()
                    + "-" + figures.getLast().period().tag(), title, text);
            out.append(UntrustedText.wrap(n, "filing", title, url, text)).append('\n');
        });
        steps.accept(new ResearchStep(ResearchStep.Kind.READING, "Reading " + series.size() + " " + period + " figures from "
                + byFiling.size() + (byFiling.size() == 1 ? " filing" : " filings")));
        return out.toString();
    }
}
