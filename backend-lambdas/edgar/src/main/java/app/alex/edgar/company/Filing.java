package app.alex.edgar.company;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * One filing from a company's submissions index.
 *
 * @param accession       the accession number, 0000320193-24-000123
 * @param filingDate      when it was filed
 * @param reportDate      the end of the period it reports on (null when EDGAR gives none, as for many 8-Ks)
 * @param form            10-K, 10-Q, 8-K, 10-K/A...
 * @param primaryDocument the file name of its main document, aapl-20240928.htm
 * @param description     EDGAR's description of the primary document (may be "")
 */
public record Filing(String accession, LocalDate filingDate, LocalDate reportDate, String form, String primaryDocument,
                     String description) {
    private static final Set<String> ANNUAL = Set.of("10-K", "10-K405", "10-KT", "10-KSB", "20-F", "40-F");
    private static final Set<String> QUARTERLY = Set.of("10-Q", "10-QT", "10-QSB");

    /** The accession without dashes, as archive paths have it: 000032019324000123. */
    public String accessionFolder() {
        return accession.replace("-", "");
    }

    /** The primary document's path on the archives host. */
    public String documentPath(Cik cik) {
        return "/Archives/edgar/data/" + cik.plain() + "/" + accessionFolder() + "/" + primaryDocument;
    }

    /** A 10-K, 20-F or 40-F (or an amendment of one): it reports a whole fiscal year. */
    public boolean annual() {
        return ANNUAL.contains(baseForm());
    }

    /** A 10-Q (or an amendment): it reports a fiscal quarter. */
    public boolean quarterly() {
        return QUARTERLY.contains(baseForm());
    }

    /** The form without "/A": an amendment is the same kind of report. */
    public String baseForm() {
        String f = form.toUpperCase(Locale.ROOT);
        return f.endsWith("/A") ? f.substring(0, f.length() - 2) : f;
    }

    /** The fiscal period a periodic report covers; null for other forms or without a report date. */
    public FiscalPeriod fiscalPeriod(FiscalCalendar calendar) {
        if (reportDate == null) {
            return null;
        }
        if (annual()) {
            return calendar.year(reportDate);
        }
        return quarterly() ? calendar.quarter(reportDate) : null;
    }
}
