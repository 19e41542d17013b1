package app.alex.edgar.company;

/**
 * A fiscal year or one of its quarters, named by the calendar year in which the fiscal year ends
 * (Apple's year that ended on 2024-09-28 is FY2024; Snowflake's that ended on 2025-01-31 is FY2025).
 *
 * @param year    the fiscal year
 * @param quarter 1 to 4, or 0 for the whole year
 */
public record FiscalPeriod(int year, int quarter) implements Comparable<FiscalPeriod> {
    public FiscalPeriod {
        if (quarter < 0 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 0 (the whole year) to 4, not " + quarter);
        }
    }

    public static FiscalPeriod year(int year) {
        return new FiscalPeriod(year, 0);
    }

    public boolean annual() {
        return quarter == 0;
    }

    /** For titles and tables: "FY2024", "Q3 FY2025". */
    public String label() {
        return annual() ? "FY" + year : "Q" + quarter + " FY" + year;
    }

    /** As a tag (one word): "FY2024", "Q3-FY2025". */
    public String tag() {
        return annual() ? "FY" + year : "Q" + quarter + "-FY" + year;
    }

    /** Oldest first; a year after its quarters. */
    @Override
    public int compareTo(FiscalPeriod other) {
        int byYear = Integer.compare(year, other.year);
        if (byYear != 0) {
            return byYear;
        }
        return Integer.compare(annual() ? 5 : quarter, other.annual() ? 5 : other.quarter);
    }

    @Override
    public String toString() {
        return label();
    }
}
