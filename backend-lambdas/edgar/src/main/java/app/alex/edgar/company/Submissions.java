package app.alex.edgar.company;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A company's submissions index from {@code /submissions/CIK##########.json}: who it is and what
 * it filed, newest first.
 *
 * @param cik           its number on EDGAR
 * @param name          "Apple Inc."
 * @param tickers       its tickers, first the main one (may be empty)
 * @param fiscalYearEnd EDGAR's "MMDD" of the fiscal year end ("0926"), "" when not given
 * @param filings       newest first
 */
public record Submissions(Cik cik, String name, List<String> tickers, String fiscalYearEnd, List<Filing> filings) {
    public Submissions {
        tickers = List.copyOf(tickers);
        fiscalYearEnd = fiscalYearEnd == null ? "" : fiscalYearEnd;
        filings = filings.stream().sorted(Comparator.comparing(Filing::filingDate).reversed()
                .thenComparing(Filing::accession, Comparator.reverseOrder())).toList();
    }

    public FiscalCalendar calendar() {
        return FiscalCalendar.endingOn(fiscalYearEnd);
    }

    /**
     * The filings of these forms filed between {@code since} and {@code until} (both inclusive, both
     * optional). Forms match exactly, in any case: amendments come only when asked for ("10-K/A").
     */
    public List<Filing> select(Collection<String> forms, LocalDate since, LocalDate until) {
        Set<String> wanted = forms.stream().map(f -> f.strip().toUpperCase(Locale.ROOT)).filter(f -> !f.isEmpty())
                .collect(Collectors.toSet());
        return filings.stream()
                .filter(f -> wanted.isEmpty() || wanted.contains(f.form().toUpperCase(Locale.ROOT)))
                .filter(f -> since == null || !f.filingDate().isBefore(since))
                .filter(f -> until == null || !f.filingDate().isAfter(until))
                .toList();
    }

    /** The main ticker, or "" when the company has none on EDGAR. */
    public String ticker() {
        return tickers.isEmpty() ? "" : tickers.getFirst();
    }
}
