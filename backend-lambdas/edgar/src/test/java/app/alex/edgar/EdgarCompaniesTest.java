package app.alex.edgar;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.edgar.company.Cik;
import app.alex.edgar.company.Filing;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.TestEdgar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tickers to CIKs and submissions indexes, on EDGAR's real answers served on loopback. */
class EdgarCompaniesTest {
    private final LoopbackEdgar server = LoopbackEdgar.start();
    private final Edgar edgar = TestEdgar.edgar(server, new FakeTime());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void findsACompanyByTickerInAnyCaseAndTakesACikAsItIs() {
        var apple = edgar.company("aapl");
        assertThat(apple.cik()).isEqualTo(new Cik(320193));
        assertThat(apple.ticker()).isEqualTo("AAPL");
        assertThat(apple.title()).isEqualTo("Apple Inc.");
        assertThat(edgar.company("SNOW").cik().padded()).isEqualTo("0001640147");
        assertThat(server.requestsFor("/files/company_tickers.json")).as("the list is fetched once").isEqualTo(1);

        assertThat(edgar.company("0000320193").cik()).isEqualTo(new Cik(320193));
        assertThat(edgar.company("1318605").cik().padded()).isEqualTo("0001318605");
        assertThat(server.requestsFor("/files/company_tickers.json")).isEqualTo(1);
    }

    @Test
    void anUnknownTickerIsAClearNotFoundNamingIt() {
        assertThatThrownBy(() -> edgar.company("ZZZZ"))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("no company with the ticker 'ZZZZ'")
                .satisfies(e -> assertThat(((AlexException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void readsApplesSubmissionsAndSelectsByFormAndDate() {
        var apple = edgar.submissions(new Cik(320193), null);

        assertThat(apple.name()).isEqualTo("Apple Inc.");
        assertThat(apple.tickers()).containsExactly("AAPL");
        assertThat(apple.fiscalYearEnd()).isEqualTo("0926");
        assertThat(apple.filings()).hasSize(1005);

        List<Filing> periodic = apple.select(List.of("10-k", "10-Q"), LocalDate.parse("2024-11-01"), LocalDate.parse("2025-08-01"));
        assertThat(periodic).extracting(Filing::accession).containsExactly(
                "0000320193-25-000073", "0000320193-25-000057", "0000320193-25-000008", "0000320193-24-000123");
        Filing tenK = periodic.getLast();
        assertThat(tenK.form()).isEqualTo("10-K");
        assertThat(tenK.filingDate()).isEqualTo(LocalDate.parse("2024-11-01"));
        assertThat(tenK.reportDate()).isEqualTo(LocalDate.parse("2024-09-28"));
        assertThat(tenK.primaryDocument()).isEqualTo("aapl-20240928.htm");
        assertThat(tenK.documentPath(apple.cik())).isEqualTo(LoopbackEdgar.APPLE_10K);
        assertThat(tenK.fiscalPeriod(apple.calendar()).label()).isEqualTo("FY2024");
        assertThat(periodic.getFirst().fiscalPeriod(apple.calendar()).label()).isEqualTo("Q3 FY2025");

        assertThat(apple.select(List.of("8-K"), LocalDate.parse("2025-01-01"), null))
                .isNotEmpty().allSatisfy(f -> assertThat(f.form()).isEqualTo("8-K"));
    }

    @Test
    void olderIndexPagesAreReadOnlyWhenTheDatesAskForThem() {
        edgar.submissions(new Cik(320193), LocalDate.parse("2020-01-01"));
        assertThat(server.requests()).extracting(LoopbackEdgar.Request::path).containsExactly("/submissions/CIK0000320193.json");

        // Filings from 2010 are in CIK0000320193-submissions-001.json, which this server does not have.
        assertThatThrownBy(() -> edgar.submissions(new Cik(320193), LocalDate.parse("2010-01-01")))
                .hasMessageContaining("EDGAR has no older submissions of CIK 0000320193")
                .hasMessageContaining("/submissions/CIK0000320193-submissions-001.json");
    }
}
