package app.alex.cli.edgar;

import app.alex.edgar.company.Submissions;
import app.alex.edgar.filings.FilingResult;
import app.alex.edgar.filings.ImportReport;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Financials;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What {@code alex edgar --json} and {@code alex financials --json} print (snake_case keys). */
final class EdgarJson {
    private EdgarJson() {
    }

    record FilingJson(String accession, String form, String fiscalPeriod, LocalDate filingDate, LocalDate reportDate,
                      String status, String documentId, String title, int chunkCount, String url, String errorCode,
                      String error) {
    }

    record ImportJson(String cik, String company, List<String> tickers, long imported, long skipped, long failed,
                      boolean cancelled, List<FilingJson> filings) {
    }

    static ImportJson importReport(Submissions submissions, ImportReport report) {
        var filings = report.results().stream().map(r -> new FilingJson(r.filing().accession(), r.filing().form(),
                r.period() == null ? null : r.period().tag(), r.filing().filingDate(), r.filing().reportDate(),
                r.status().wireName(), r.documentId(), r.title(), r.chunkCount(), r.url(),
                r.errorCode() == null ? null : r.errorCode().wireName(), r.error())).toList();
        return new ImportJson(submissions.cik().padded(), report.company(), submissions.tickers(),
                report.count(FilingResult.Status.IMPORTED), report.count(FilingResult.Status.SKIPPED),
                report.count(FilingResult.Status.FAILED), report.cancelled(), filings);
    }

    record FigureJson(String metric, String label, String period, int fiscalYear, Integer fiscalQuarter, LocalDate start,
                      LocalDate end, BigDecimal value, String unit, String concept, String accession, String form,
                      LocalDate filed, boolean derived) {
    }

    record FinancialsJson(String cik, String company, String periodType, List<String> periods, List<FigureJson> figures) {
    }

    static FinancialsJson financials(Financials financials, boolean quarterly, List<FinancialFigure> figures) {
        var periods = figures.stream().map(f -> f.period()).distinct().sorted().map(p -> p.label()).toList();
        var out = figures.stream().map(f -> new FigureJson(f.metric().wireName(), f.metric().label(), f.period().label(),
                f.period().year(), f.period().annual() ? null : f.period().quarter(), f.start(), f.end(), f.value(),
                f.unit(), f.concept(), f.source().accession(), f.source().form(), f.source().filed(), f.derived())).toList();
        return new FinancialsJson(financials.cik().padded(), financials.company(), quarterly ? "quarterly" : "annual",
                periods, out);
    }
}
