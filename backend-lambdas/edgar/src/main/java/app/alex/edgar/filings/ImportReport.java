package app.alex.edgar.filings;

import java.util.List;

/**
 * What an import did, filing by filing.
 *
 * @param company   the company name
 * @param results   one per filing handled, in order
 * @param cancelled true when it stopped early because it was asked to
 */
public record ImportReport(String company, List<FilingResult> results, boolean cancelled) {
    public ImportReport {
        results = List.copyOf(results);
    }

    public long count(FilingResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** "2 imported, 1 skipped (already imported), 0 failed", plus a note when stopped early. */
    public String summary() {
        return count(FilingResult.Status.IMPORTED) + " imported, " + count(FilingResult.Status.SKIPPED)
                + " skipped (already imported), " + count(FilingResult.Status.FAILED) + " failed" + (cancelled ? " (stopped early)" : "");
    }
}
