package app.alex.edgar.company;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which fiscal year and quarter a period belongs to, from the company's fiscal year end. Many
 * companies keep 52/53-week years (Apple's ends on the last Saturday of September: 2024-09-28,
 * 2025-09-27), so a date a few days past the nominal year end still closes that year.
 *
 * <p>Built either from the month and day EDGAR's submissions give ({@code fiscalYearEnd}
 * "0926") or from the year ends a company's own 10-K filings report (company facts), which
 * follow the drift exactly; a year between or beyond those is inferred a whole year away.
 */
public final class FiscalCalendar {
    /** How far past the nominal year end a 52/53-week year may close. */
    private static final int SLACK_DAYS = 7;
    private static final double DAYS_PER_QUARTER = 365.2425 / 4;

    private final MonthDay nominalEnd;
    private final TreeMap<Integer, LocalDate> knownEnds;

    private FiscalCalendar(MonthDay nominalEnd, Map<Integer, LocalDate> knownEnds) {
        this.nominalEnd = nominalEnd;
        this.knownEnds = new TreeMap<>(knownEnds);
    }

    /** From EDGAR's "MMDD" ({@code fiscalYearEnd} in submissions); a calendar year when blank or malformed. */
    public static FiscalCalendar endingOn(String mmdd) {
        MonthDay end = MonthDay.of(12, 31);
        if (mmdd != null && mmdd.strip().matches("\\d{4}")) {
            try {
                end = MonthDay.of(Integer.parseInt(mmdd.strip().substring(0, 2)), Integer.parseInt(mmdd.strip().substring(2)));
            } catch (java.time.DateTimeException malformed) {
                // Keep the calendar year: better a plain label than none.
            }
        }
        return new FiscalCalendar(end, Map.of());
    }

    /** From known year ends (fiscal year to its last day); a calendar year when there are none. */
    public static FiscalCalendar fromYearEnds(Map<Integer, LocalDate> ends) {
        if (ends.isEmpty()) {
            return endingOn("1231");
        }
        LocalDate latest = new TreeMap<>(ends).lastEntry().getValue();
        return new FiscalCalendar(MonthDay.from(latest), ends);
    }

    /** The last day of fiscal year {@code year}. */
    public LocalDate yearEnd(int year) {
        LocalDate known = knownEnds.get(year);
        if (known != null) {
            return known;
        }
        if (!knownEnds.isEmpty()) {
            Integer near = knownEnds.floorKey(year) != null ? knownEnds.floorKey(year) : knownEnds.ceilingKey(year);
            return knownEnds.get(near).plusYears(year - near);
        }
        return nominalEnd.atYear(year);
    }

    /** The fiscal year a period ending on {@code end} falls in. */
    public int fiscalYearOf(LocalDate end) {
        LocalDate latestClose = end.minusDays(SLACK_DAYS);
        for (int year = end.getYear() - 1; ; year++) {
            if (!yearEnd(year).isBefore(latestClose)) {
                return year;
            }
        }
    }

    /** The fiscal year that ends on (about) {@code end}. */
    public FiscalPeriod year(LocalDate end) {
        return FiscalPeriod.year(fiscalYearOf(end));
    }

    /** The quarter that ends on (about) {@code end}: how many quarters after the previous year end. */
    public FiscalPeriod quarter(LocalDate end) {
        int year = fiscalYearOf(end);
        long days = ChronoUnit.DAYS.between(yearEnd(year - 1), end);
        int quarter = (int) Math.max(1, Math.min(4, Math.round(days / DAYS_PER_QUARTER)));
        return new FiscalPeriod(year, quarter);
    }
}
