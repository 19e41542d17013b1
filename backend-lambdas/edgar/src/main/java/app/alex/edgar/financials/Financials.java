package app.alex.edgar.financials;

import app.alex.edgar.company.Cik;
import app.alex.edgar.company.FiscalPeriod;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A company's headline figures by fiscal period, from its XBRL company facts. Annual figures
 * (from 10-Ks, covering about a year) and quarterly ones (about three months) are kept apart.
 * Where several filings report the same period, the latest filed value is kept (a restatement
 * wins) and {@link FinancialFigure#source()} says which filing it is.
 *
 * @param cik       the company's number on EDGAR
 * @param company   its name as EDGAR has it
 * @param annual    fiscal years, oldest first
 * @param quarterly fiscal quarters, oldest first
 */
public record Financials(Cik cik, String company, List<FinancialFigure> annual, List<FinancialFigure> quarterly) {
    public Financials {
        annual = sorted(annual);
        quarterly = sorted(quarterly);
    }

    public List<FinancialFigure> figures(boolean quarters) {
        return quarters ? quarterly : annual;
    }

    /** The periods that have at least one figure, oldest first. */
    public List<FiscalPeriod> periods(boolean quarters) {
        return figures(quarters).stream().map(FinancialFigure::period).distinct().sorted().toList();
    }

    public Optional<FinancialFigure> figure(Metric metric, FiscalPeriod period) {
        return figures(!period.annual()).stream()
                .filter(f -> f.metric() == metric && f.period().equals(period)).findFirst();
    }

    /** One metric over the periods, oldest first (a chart's series). */
    public List<FinancialFigure> series(Metric metric, boolean quarters) {
        return figures(quarters).stream().filter(f -> f.metric() == metric).toList();
    }

    /** The latest year's (or quarter's) value of a metric, if any period has one. */
    public Optional<FinancialFigure> latest(Metric metric, boolean quarters) {
        List<FinancialFigure> series = series(metric, quarters);
        return series.isEmpty() ? Optional.empty() : Optional.of(series.getLast());
    }

    private static List<FinancialFigure> sorted(List<FinancialFigure> figures) {
        return figures.stream().sorted(Comparator.comparing(FinancialFigure::period)
                .thenComparing(FinancialFigure::metric)).toList();
    }
}
