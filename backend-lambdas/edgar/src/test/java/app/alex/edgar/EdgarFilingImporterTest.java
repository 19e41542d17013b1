package app.alex.edgar;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentType;
import app.alex.core.error.ErrorCode;
import app.alex.core.ingest.DocumentIds;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.edgar.company.Cik;
import app.alex.edgar.company.Filing;
import app.alex.edgar.company.Submissions;
import app.alex.edgar.filings.FilingResult;
import app.alex.edgar.filings.FilingResult.Status;
import app.alex.edgar.filings.ImportListener;
import app.alex.edgar.filings.ImportReport;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.TestEdgar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Apple's and Tesla's real filings from loopback into an in-memory knowledge base. */
class EdgarFilingImporterTest {
    private final LoopbackEdgar server = LoopbackEdgar.start();
    private final Edgar edgar = TestEdgar.edgar(server, new FakeTime());
    private final KnowledgeBase kb = TestKnowledgeBases.inMemory();

    @AfterEach
    void stop() {
        server.close();
    }

    private List<Filing> appleFilings(Submissions apple) {
        return apple.filings().stream().filter(f -> f.accession().equals("0000320193-24-000123")
                || f.accession().equals("0000320193-25-000073")).toList();
    }

    @Test
    void importsApplesTenKAndTenQWithTitlesTagsAndAttributes() {
        Submissions apple = edgar.submissions(new Cik(320193), null);

        ImportReport report = edgar.importer(kb).importFilings(apple, "AAPL", appleFilings(apple), ImportListener.NONE);

        assertThat(report.results()).extracting(FilingResult::status).containsExactly(Status.IMPORTED, Status.IMPORTED);
        assertThat(report.summary()).isEqualTo("2 imported, 0 skipped (already imported), 0 failed");
        String url = server.url() + LoopbackEdgar.APPLE_10K;
        var tenK = kb.document(DocumentIds.fromSource(url));
        assertThat(tenK.title()).isEqualTo("Apple Inc. 10-K FY2024");
        assertThat(tenK.source()).isEqualTo(url);
        assertThat(tenK.type()).isEqualTo(DocumentType.DOCUMENT);
        assertThat(tenK.date()).isEqualTo(Instant.parse("2024-11-01T00:00:00Z"));
        assertThat(tenK.mediaType()).isEqualTo("text/html");
        assertThat(tenK.tags()).containsExactly("AAPL", "10-K", "FY2024", "2024-11-01", "0000320193-24-000123");
        assertThat(tenK.attributes()).contains(entry("cik", "0000320193"), entry("accession", "0000320193-24-000123"),
                entry("form", "10-K"), entry("report_date", "2024-09-28"), entry("filing_date", "2024-11-01"),
                entry("fiscal_period", "FY2024"), entry("company", "Apple Inc."));
        assertThat(tenK.chunkCount()).isGreaterThan(100).isEqualTo(report.results().getLast().chunkCount());
        assertThat(kb.chunks(tenK.id())).anySatisfy(c -> assertThat(c.text()).contains("iPhone"));

        var tenQ = kb.document(DocumentIds.fromSource(server.url() + LoopbackEdgar.APPLE_10Q));
        assertThat(tenQ.title()).isEqualTo("Apple Inc. 10-Q Q3 FY2025");
        assertThat(tenQ.tags()).containsExactly("AAPL", "10-Q", "Q3-FY2025", "2025-08-01", "0000320193-25-000073");
    }

    @Test
    void aSecondRunSkipsWhatIsThereWithoutDownloadingIt() {
        Submissions apple = edgar.submissions(new Cik(320193), null);
        var importer = edgar.importer(kb);
        importer.importFilings(apple, "AAPL", appleFilings(apple).subList(1, 2), ImportListener.NONE);

        ImportReport again = importer.importFilings(apple, "AAPL", appleFilings(apple), ImportListener.NONE);

        assertThat(again.results()).extracting(FilingResult::status).containsExactly(Status.IMPORTED, Status.SKIPPED);
        assertThat(again.results().getLast().chunkCount()).isGreaterThan(100);
        assertThat(server.requestsFor(LoopbackEdgar.APPLE_10K)).isEqualTo(1);
        assertThat(server.requestsFor(LoopbackEdgar.APPLE_10Q)).isEqualTo(1);
    }

    @Test
    void aFailedFilingIsReportedWithItsReasonAndTheOthersGoOn() {
        Submissions apple = edgar.submissions(new Cik(320193), null);
        // The 10-Q for the quarter to 2025-03-29 is not on this server: EDGAR would answer it, loopback says 404.
        List<Filing> three = apple.select(List.of("10-Q", "10-K"), LocalDate.parse("2024-11-01"), LocalDate.parse("2025-05-02"));

        ImportReport report = edgar.importer(kb).importFilings(apple, "", three, ImportListener.NONE);

        assertThat(report.results()).extracting(FilingResult::status).containsExactly(Status.FAILED, Status.FAILED, Status.IMPORTED);
        FilingResult missing = report.results().getFirst();
        assertThat(missing.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.error()).isEqualTo("EDGAR has no primary document of 10-Q filing 0000320193-25-000057 at "
                + server.url() + "/Archives/edgar/data/320193/000032019325000057/aapl-20250329.htm.");
        assertThat(missing.title()).isEqualTo("Apple Inc. 10-Q Q2 FY2025");
        assertThat(report.results().getLast().title()).isEqualTo("Apple Inc. 10-K FY2024");
        assertThat(kb.document(report.results().getLast().documentId()).tags()).as("the company's own ticker").contains("AAPL");
    }

    @Test
    void reportsProgressPerFilingAndStopsBetweenFilingsWhenCancelled() {
        Submissions tesla = edgar.submissions(new Cik(1318605), null);
        List<Filing> filings = tesla.filings().stream().filter(f -> f.accession().equals("0001628280-25-035806")
                || f.accession().equals("0001628280-25-003063")).toList();
        var events = new ArrayList<String>();
        var listener = new ImportListener() {
            @Override
            public void started(Filing filing, int index, int total) {
                events.add("start " + index + "/" + total + " " + filing.form());
            }

            @Override
            public void finished(FilingResult result, int index, int total) {
                events.add("done " + index + "/" + total + " " + result.status().wireName() + " " + result.title());
            }

            @Override
            public boolean cancelled() {
                return events.size() >= 2;
            }
        };

        ImportReport report = edgar.importer(kb).importFilings(tesla, "TSLA", filings, listener);

        assertThat(events).containsExactly("start 1/2 10-Q", "done 1/2 imported Tesla, Inc. 10-Q Q2 FY2025");
        assertThat(report.cancelled()).isTrue();
        assertThat(report.summary()).endsWith("(stopped early)");
        assertThat(server.requestsFor("/Archives/edgar/data/1318605/000162828025003063/tsla-20241231.htm")).isZero();

        ImportReport rest = edgar.importer(kb).importFilings(tesla, "TSLA", filings, ImportListener.NONE);
        assertThat(rest.results()).extracting(FilingResult::title, FilingResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Tesla, Inc. 10-Q Q2 FY2025", Status.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("Tesla, Inc. 10-K FY2024", Status.IMPORTED));
        assertThat(kb.document(rest.results().getLast().documentId()).attributes()).containsEntry("fiscal_period", "FY2024");
    }

    @Test
    void aPrimaryDocumentThatIsNotHtmlFailsThatFilingOnly() {
        Submissions apple = edgar.submissions(new Cik(320193), null);
        server.answer(LoopbackEdgar.APPLE_10Q, LoopbackEdgar.Answer.body("application/pdf", "%PDF-1.7".getBytes()));

        ImportReport report = edgar.importer(kb).importFilings(apple, "AAPL", appleFilings(apple), ImportListener.NONE);

        assertThat(report.results()).extracting(FilingResult::status).containsExactly(Status.FAILED, Status.IMPORTED);
        assertThat(report.results().getFirst().error()).contains("is not HTML");
        assertThat(Map.of("failed", report.count(Status.FAILED))).containsEntry("failed", 1L);
    }
}
