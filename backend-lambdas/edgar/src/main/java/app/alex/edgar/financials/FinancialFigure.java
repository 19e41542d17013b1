package app.alex.edgar.financials;

import app.alex.edgar.company.FiscalPeriod;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One reported value with where it came from.
 *
 * @param metric  what it is
 * @param period  the fiscal year or quarter it belongs to
 * @param start   the first day of the period it covers (null for a balance on a day)
 * @param end     the last day of the period, or the day of the balance
 * @param value   as reported (USD, USD per share, shares)
 * @param unit    "USD", "USD/shares", "shares"
 * @param concept the us-gaap concept it was reported under
 * @param source  the filing that reported it (the latest one when several did); for a derived
 *                fourth quarter, the annual report whose year it was derived from
 * @param derived a fourth quarter no filing reports on its own: the fiscal year's figure minus the
 *                first three quarters' (companies report the fourth quarter only inside the 10-K's year)
 */
public record FinancialFigure(Metric metric, FiscalPeriod period, LocalDate start, LocalDate end, BigDecimal value,
                              String unit, String concept, Source source, boolean derived) {

    /** A figure as a filing reported it. */
    public FinancialFigure(Metric metric, FiscalPeriod period, LocalDate start, LocalDate end, BigDecimal value,
                           String unit, String concept, Source source) {
        this(metric, period, start, end, value, unit, concept, source, false);
    }

    /**
     * A filing that reported a value.
     *
     * @param accession its accession number
     * @param form      10-K, 10-Q, 10-K/A...
     * @param filed     when it was filed
     */
    public record Source(String accession, String form, LocalDate filed) {
    }
}
