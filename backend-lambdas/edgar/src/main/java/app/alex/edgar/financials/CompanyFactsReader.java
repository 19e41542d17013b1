package app.alex.edgar.financials;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.edgar.company.Cik;
import app.alex.edgar.company.Filing;
import app.alex.edgar.company.FiscalCalendar;
import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.http.EdgarClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headline figures from {@code /api/xbrl/companyfacts/CIK##########.json}.
 *
 * <p>Each fact there carries the {@code fy}/{@code fp} of the filing that reported it, not of
 * the period it covers: Snowflake's 10-K for FY2025 also reports FY2023 revenue, tagged fy 2025.
 * So a value's fiscal period is worked out from its dates, on a calendar built from the year ends
 * the company's own 10-Ks report (a filing's latest period end is its own year end).
 */
public final class CompanyFactsReader {
    /** A fiscal year is 52 or 53 weeks; a quarter 13 or 14 (some companies use 12 to 16 week quarters). */
    private static final long YEAR_MIN_DAYS = 350;
    private static final long YEAR_MAX_DAYS = 380;
    private static final long QUARTER_MIN_DAYS = 80;
    private static final long QUARTER_MAX_DAYS = 115;
    private static final long BALANCE_SLACK_DAYS = 7;

    private final EdgarClient client;

    public CompanyFactsReader(EdgarClient client) {
        this.client = client;
    }

    public static String path(Cik cik) {
        return "/api/xbrl/companyfacts/CIK" + cik.padded() + ".json";
    }

    public Financials read(Cik cik) {
        URI url = client.dataUrl(path(cik));
        return parse(cik, client.json(url, "XBRL company facts of CIK " + cik), url.toString());
    }

    /** One fact as EDGAR lists it. */
    record Fact(Metric metric, String concept, String unit, LocalDate start, LocalDate end, BigDecimal value,
                String accession, int fy, String fp, String form, LocalDate filed) {
        Filing asFiling() {
            return new Filing(accession, filed, end, form, "", "");
        }

        FinancialFigure figure(FiscalPeriod period) {
            return new FinancialFigure(metric, period, start, end, value, unit, concept,
                    new FinancialFigure.Source(accession, form, filed));
        }
    }

    /** @param where the address, for messages */
    public static Financials parse(Cik cik, JsonNode root, String where) {
        JsonNode gaap = root.path("facts").path("us-gaap");
        if (!gaap.isObject()) {
            throw new AlexException(ErrorCode.UNPROCESSABLE_DOCUMENT, "EDGAR's company facts at " + where
                    + " hold no US GAAP figures (facts.us-gaap): the company may report under IFRS or not file XBRL.");
        }
        var facts = new ArrayList<Fact>();
        for (Metric metric : Metric.values()) {
            for (String concept : metric.concepts()) {
                JsonNode units = gaap.path(concept).path("units");
                units.properties().forEach(unit -> {
                    if (metric.kind().accepts(unit.getKey())) {
                        for (JsonNode entry : unit.getValue()) {
                            Fact fact = fact(metric, concept, unit.getKey(), entry);
                            if (fact != null) {
                                facts.add(fact);
                            }
                        }
                    }
                });
            }
        }
        FiscalCalendar calendar = calendar(facts);
        var annual = new ArrayList<FinancialFigure>();
        var quarterly = new ArrayList<FinancialFigure>();
        for (Metric metric : Metric.values()) {
            List<Fact> ofMetric = facts.stream().filter(f -> f.metric() == metric).toList();
            annual.addAll(pick(metric, ofMetric, fact -> annualPeriod(fact, calendar)));
            quarterly.addAll(pick(metric, ofMetric, fact -> quarterPeriod(fact, calendar)));
        }
        String name = root.path("entityName").asText("");
        var reported = new Financials(cik, name, annual, quarterly);
        quarterly.addAll(fourthQuarters(reported));
        return new Financials(cik, name, annual, quarterly);
    }

    /**
     * Per period: the first concept (in the metric's order of preference) with a value, and of its
     * values the one filed last (a restatement replaces the original).
     */
    private static List<FinancialFigure> pick(Metric metric, List<Fact> facts,
                                              java.util.function.Function<Fact, FiscalPeriod> periodOf) {
        var byPeriod = new TreeMap<FiscalPeriod, List<Fact>>();
        for (Fact fact : facts) {
            FiscalPeriod period = periodOf.apply(fact);
            if (period != null) {
                byPeriod.computeIfAbsent(period, p -> new ArrayList<>()).add(fact);
            }
        }
        var out = new ArrayList<FinancialFigure>();
        byPeriod.forEach((period, candidates) -> metric.concepts().stream()
                .flatMap(concept -> candidates.stream().filter(f -> f.concept().equals(concept))
                        .max(Comparator.comparing(Fact::filed).thenComparing(Fact::accession)).stream())
                .findFirst()
                .ifPresent(best -> out.add(best.figure(period))));
        return out;
    }

    /**
     * Fourth quarters that no filing reports on their own (a 10-K reports the year, the 10-Qs the first
     * three quarters): the year's figure minus the three quarters', for amounts over a period (revenue,
     * profit, cash flow), only where all four come under the same concept and unit. Not for balances
     * (a day's figure), per-share figures or share counts, which do not add up over quarters.
     */
    static List<FinancialFigure> fourthQuarters(Financials reported) {
        var out = new ArrayList<FinancialFigure>();
        for (FinancialFigure year : reported.annual()) {
            Metric metric = year.metric();
            int fy = year.period().year();
            if (metric.instant() || metric.kind() != Metric.Kind.MONEY || year.start() == null
                    || reported.figure(metric, new FiscalPeriod(fy, 4)).isPresent()) {
                continue;
            }
            List<FinancialFigure> three = new ArrayList<>();
            for (int q = 1; q <= 3; q++) {
                reported.figure(metric, new FiscalPeriod(fy, q))
                        .filter(quarter -> quarter.concept().equals(year.concept()) && quarter.unit().equals(year.unit())
                                && !quarter.start().isBefore(year.start()) && !quarter.end().isAfter(year.end()))
                        .ifPresent(three::add);
            }
            if (three.size() == 3) {
                BigDecimal value = year.value();
                for (FinancialFigure quarter : three) {
                    value = value.subtract(quarter.value());
                }
                out.add(new FinancialFigure(metric, new FiscalPeriod(fy, 4), three.getLast().end().plusDays(1), year.end(),
                        value, year.unit(), year.concept(), year.source(), true));
            }
        }
        return out;
    }

    /** A fiscal year's figure: from a 10-K (or 20-F, 40-F), over about a year or on its last day. */
    private static FiscalPeriod annualPeriod(Fact fact, FiscalCalendar calendar) {
        if (!fact.asFiling().annual()) {
            return null;
        }
        if (fact.metric().instant()) {
            if (fact.start() != null) {
                return null;
            }
            int year = calendar.fiscalYearOf(fact.end());
            long off = Math.abs(ChronoUnit.DAYS.between(calendar.yearEnd(year), fact.end()));
            return off <= BALANCE_SLACK_DAYS ? FiscalPeriod.year(year) : null;
        }
        if (fact.start() == null) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(fact.start(), fact.end()) + 1;
        return days >= YEAR_MIN_DAYS && days <= YEAR_MAX_DAYS ? calendar.year(fact.end()) : null;
    }

    /** A quarter's figure: over about three months (from a 10-Q, or a 10-K's fourth quarter), or a 10-Q's balance. */
    private static FiscalPeriod quarterPeriod(Fact fact, FiscalCalendar calendar) {
        Filing filing = fact.asFiling();
        if (fact.metric().instant()) {
            return filing.quarterly() && fact.start() == null ? calendar.quarter(fact.end()) : null;
        }
        if (fact.start() == null || !filing.quarterly() && !filing.annual()) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(fact.start(), fact.end()) + 1;
        return days >= QUARTER_MIN_DAYS && days <= QUARTER_MAX_DAYS ? calendar.quarter(fact.end()) : null;
    }

    /**
     * The company's year ends: for each annual report, its fiscal year and its latest period end. A
     * year known only from quarterly reports is placed the remaining quarters after that quarter's end.
     */
    static FiscalCalendar calendar(List<Fact> facts) {
        var latestEnd = new LinkedHashMap<String, Fact>();
        for (Fact fact : facts) {
            latestEnd.merge(fact.accession(), fact, (a, b) -> b.end().isAfter(a.end()) ? b : a);
        }
        var ends = new HashMap<Integer, LocalDate>();
        var fromQuarters = new HashMap<Integer, LocalDate>();
        for (Fact fact : latestEnd.values()) {
            if (fact.fy() <= 0) {
                continue;
            }
            Filing filing = fact.asFiling();
            if (filing.annual() && "FY".equals(fact.fp())) {
                ends.merge(fact.fy(), fact.end(), (a, b) -> a.isAfter(b) ? a : b);
            } else if (filing.quarterly() && fact.fp().matches("Q[1-3]")) {
                int quarter = fact.fp().charAt(1) - '0';
                fromQuarters.putIfAbsent(fact.fy(), fact.end().plusMonths(3L * (4 - quarter)));
            }
        }
        fromQuarters.forEach(ends::putIfAbsent);
        return FiscalCalendar.fromYearEnds(Map.copyOf(ends));
    }

    private static Fact fact(Metric metric, String concept, String unit, JsonNode entry) {
        LocalDate end = date(entry.path("end").asText(""));
        LocalDate filed = date(entry.path("filed").asText(""));
        JsonNode val = entry.path("val");
        if (end == null || filed == null || !val.isNumber()) {
            return null;
        }
        return new Fact(metric, concept, unit, date(entry.path("start").asText("")), end, val.decimalValue(),
                entry.path("accn").asText(""), entry.path("fy").asInt(0), entry.path("fp").asText(""),
                entry.path("form").asText(""), filed);
    }

    private static LocalDate date(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
