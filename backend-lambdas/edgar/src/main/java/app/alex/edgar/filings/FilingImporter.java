package app.alex.edgar.filings;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.DocumentIds;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.edgar.company.Filing;
import app.alex.edgar.company.FiscalCalendar;
import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.company.Submissions;
import app.alex.edgar.http.EdgarClient;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filings into the knowledge base: each primary document is downloaded, extracted by core's file
 * extractor (so a filing's Items become sections once the HTML extractor finds them) and stored
 * through {@link KnowledgeBase#ingest}, so it works the same embedded and remote. A filing already
 * stored (its id comes from its address) is skipped without downloading it; one that fails is
 * reported with its reason and the others go on.
 */
public final class FilingImporter {
    private final EdgarClient client;
    private final KnowledgeBase knowledgeBase;
    private final FileExtractor extractor;

    public FilingImporter(EdgarClient client, KnowledgeBase knowledgeBase, FileExtractor extractor) {
        this.client = client;
        this.knowledgeBase = knowledgeBase;
        this.extractor = extractor;
    }

    public FilingImporter(EdgarClient client, KnowledgeBase knowledgeBase) {
        this(client, knowledgeBase, new FileExtractor());
    }

    /**
     * Imports {@code filings} of the company in {@code submissions}, one after the other.
     *
     * @param ticker the ticker to tag them with ("" to take the company's main ticker)
     */
    public ImportReport importFilings(Submissions submissions, String ticker, List<Filing> filings, ImportListener listener) {
        String tag = ticker == null || ticker.isBlank() ? submissions.ticker() : ticker.strip();
        FiscalCalendar calendar = submissions.calendar();
        var results = new ArrayList<FilingResult>();
        boolean cancelled = false;
        for (int i = 0; i < filings.size(); i++) {
            if (listener.cancelled()) {
                cancelled = true;
                break;
            }
            Filing filing = filings.get(i);
            listener.started(filing, i + 1, filings.size());
            FilingResult result = importOne(submissions, tag, calendar, filing);
            results.add(result);
            listener.finished(result, i + 1, filings.size());
        }
        return new ImportReport(submissions.name(), results, cancelled);
    }

    private FilingResult importOne(Submissions company, String ticker, FiscalCalendar calendar, Filing filing) {
        FiscalPeriod period = filing.fiscalPeriod(calendar);
        String url = client.archivesUrl(filing.documentPath(company.cik())).toString();
        String id = DocumentIds.fromSource(url);
        String title = title(company.name(), filing, period);
        try {
            if (filing.primaryDocument().isBlank()) {
                throw new AlexException(ErrorCode.NOT_FOUND, "EDGAR lists no primary document for filing " + filing.accession() + ".");
            }
            DocumentRecord stored = existing(id);
            if (stored != null) {
                return new FilingResult(filing, period, url, FilingResult.Status.SKIPPED, id, stored.title(), stored.chunkCount(), null, null);
            }
            var download = client.html(java.net.URI.create(url), "primary document of " + filing.form() + " filing " + filing.accession());
            ExtractedDocument document = extractor.extract(download.body(), filing.primaryDocument());
            IngestResult result = knowledgeBase.ingest(request(company, ticker, filing, period, url, id, title, document));
            if (result.status() == IngestStatus.FAILED || result.status() == IngestStatus.SKIPPED) {
                return failed(filing, period, url, title, result.errorCode(), result.error());
            }
            return new FilingResult(filing, period, url, FilingResult.Status.IMPORTED, result.documentId(), title,
                    result.chunkCount(), null, null);
        } catch (AlexException e) {
            return failed(filing, period, url, title, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // One broken filing must not stop the others; the message still says what happened.
            return failed(filing, period, url, title, ErrorCode.INTERNAL, "unexpected error: " + e);
        }
    }

    private static FilingResult failed(Filing filing, FiscalPeriod period, String url, String title, ErrorCode code, String error) {
        return new FilingResult(filing, period, url, FilingResult.Status.FAILED, null, title, 0, code, error);
    }

    /**
     * The stored filing, or null. A remote knowledge base stores a long text (a 10-K runs to
     * 200,000 characters and more) as documents {@code <id>-part-1..n}, so the first part counts too.
     */
    private DocumentRecord existing(String id) {
        DocumentRecord whole = find(id);
        return whole != null ? whole : find(id + "-part-1");
    }

    private DocumentRecord find(String id) {
        try {
            return knowledgeBase.document(id);
        } catch (AlexException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** "Apple Inc. 10-K FY2024", "Apple Inc. 10-Q Q3 FY2025", "Apple Inc. 8-K 2025-10-30". */
    static String title(String company, Filing filing, FiscalPeriod period) {
        String when = period != null ? period.label() : filing.filingDate().toString();
        return (company.isBlank() ? "CIK" : company) + " " + filing.form() + " " + when;
    }

    static TextIngestRequest request(Submissions company, String ticker, Filing filing, FiscalPeriod period, String url,
                                     String id, String title, ExtractedDocument document) {
        var tags = new ArrayList<String>();
        if (!ticker.isBlank()) {
            tags.add(ticker);
        }
        tags.add(filing.form());
        if (period != null) {
            tags.add(period.tag());
        }
        tags.add(filing.filingDate().toString());
        tags.add(filing.accession());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("cik", company.cik().padded());
        attributes.put("accession", filing.accession());
        attributes.put("form", filing.form());
        if (filing.reportDate() != null) {
            attributes.put("report_date", filing.reportDate().toString());
        }
        attributes.put("filing_date", filing.filingDate().toString());
        if (period != null) {
            attributes.put("fiscal_period", period.tag());
        }
        attributes.put("company", company.name());
        return new TextIngestRequest(id, document.text(), title, url, DocumentType.DOCUMENT, tags,
                filing.filingDate().atStartOfDay(ZoneOffset.UTC).toInstant(), document.mediaType(), attributes,
                document.pages(), document.sections());
    }
}
