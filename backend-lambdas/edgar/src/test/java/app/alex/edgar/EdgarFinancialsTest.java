package app.alex.edgar;

import app.alex.edgar.company.Cik;
import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Financials;
import app.alex.edgar.financials.Metric;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.TestEdgar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snowflake's headline figures from its real company facts. Every expected value was read off
 * snow-companyfacts.json by hand (its fiscal year ends on 31 January: FY2025 is Feb 2024 to Jan 2025).
 */
class EdgarFinancialsTest {
    private static LoopbackEdgar server;
    private static Financials snow;

    @BeforeAll
    static void read() {
        server = LoopbackEdgar.start();
        snow = TestEdgar.edgar(server, new FakeTime()).financials(new Cik(1640147));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static FinancialFigure annual(Metric metric, int year) {
        return snow.figure(metric, FiscalPeriod.year(year)).orElseThrow(() -> new AssertionError(metric + " FY" + year));
    }

    @Test
    void revenueForAFiscalYearWithTheFilingThatReportedIt() {
        assertThat(snow.company()).isEqualTo("SNOWFLAKE INC.");
        FinancialFigure revenue = annual(Metric.REVENUE, 2025);
        assertThat(revenue.value()).isEqualByComparingTo("3626396000");
        assertThat(revenue.unit()).isEqualTo("USD");
        assertThat(revenue.concept()).isEqualTo("RevenueFromContractWithCustomerExcludingAssessedTax");
        assertThat(revenue.start()).isEqualTo(LocalDate.parse("2024-02-01"));
        assertThat(revenue.end()).isEqualTo(LocalDate.parse("2025-01-31"));
        assertThat(revenue.source()).isEqualTo(new FinancialFigure.Source("0001640147-25-000052", "10-K", LocalDate.parse("2025-03-21")));

        // FY2024 came first in the 10-K of 2024-03-26 and again in that of 2025-03-21: the latest is kept.
        FinancialFigure before = annual(Metric.REVENUE, 2024);
        assertThat(before.value()).isEqualByComparingTo("2806489000");
        assertThat(before.source().accession()).isEqualTo("0001640147-25-000052");

        // Every fiscal year since the first 10-K's comparatives (FY2019, Feb 2018 to Jan 2019).
        assertThat(snow.series(Metric.REVENUE, false)).extracting(f -> f.period().label())
                .containsExactly("FY2019", "FY2020", "FY2021", "FY2022", "FY2023", "FY2024", "FY2025");
        assertThat(annual(Metric.REVENUE, 2019).value()).isEqualByComparingTo("96666000");
        assertThat(snow.latest(Metric.REVENUE, false)).contains(revenue);
    }

    @Test
    void netIncomeEpsAndBalancesForTheYear() {
        assertThat(annual(Metric.NET_INCOME, 2025).value()).isEqualByComparingTo("-1285640000");
        assertThat(annual(Metric.NET_INCOME, 2024).value()).isEqualByComparingTo("-836097000");
        FinancialFigure eps = annual(Metric.EPS_DILUTED, 2025);
        assertThat(eps.value()).isEqualByComparingTo(new BigDecimal("-3.86"));
        assertThat(eps.unit()).isEqualTo("USD/shares");
        FinancialFigure assets = annual(Metric.TOTAL_ASSETS, 2025);
        assertThat(assets.value()).isEqualByComparingTo("9033938000");
        assertThat(assets.start()).isNull();
        assertThat(assets.source().form()).as("the 10-K's balance, not the 10-Q's comparative").isEqualTo("10-K");
    }

    @Test
    void aRestatedValueReplacesTheOriginalAndSaysWhichFilingRestatedIt() {
        // Diluted shares for FY2021: 141,613,196 in the 10-K of 2022-03-30, 141,613,000 in the one of 2023-03-29.
        FinancialFigure shares = annual(Metric.DILUTED_SHARES, 2021);
        assertThat(shares.value()).isEqualByComparingTo("141613000");
        assertThat(shares.source().accession()).isEqualTo("0001640147-23-000030");
        assertThat(shares.unit()).isEqualTo("shares");
    }

    @Test
    void quartersAreThreeMonthFiguresKeptApartFromTheYears() {
        FinancialFigure q1 = snow.figure(Metric.REVENUE, new FiscalPeriod(2026, 1)).orElseThrow();
        assertThat(q1.value()).isEqualByComparingTo("1042074000");
        assertThat(q1.start()).isEqualTo(LocalDate.parse("2025-02-01"));
        assertThat(q1.source().form()).isEqualTo("10-Q");
        assertThat(snow.figure(Metric.NET_INCOME, new FiscalPeriod(2026, 1)).orElseThrow().value()).isEqualByComparingTo("-430092000");
        // Q3 FY2025 is August to October 2024, not the nine months to October the same 10-Q also reports.
        assertThat(snow.figure(Metric.REVENUE, new FiscalPeriod(2025, 3)).orElseThrow().value()).isEqualByComparingTo("942094000");

        assertThat(snow.annual()).allSatisfy(f -> assertThat(f.period().annual()).isTrue());
        assertThat(snow.quarterly()).allSatisfy(f -> assertThat(f.period().annual()).isFalse());
        assertThat(snow.periods(true)).contains(new FiscalPeriod(2026, 1)).doesNotContain(FiscalPeriod.year(2025));
        assertThat(snow.quarterly()).filteredOn(f -> f.start() != null).allSatisfy(f ->
                assertThat(java.time.temporal.ChronoUnit.DAYS.between(f.start(), f.end())).isBetween(80L, 115L));
    }

    @Test
    void aFourthQuarterNoFilingReportsIsTheYearMinusTheFirstThreeAndSaysSo() {
        // Snowflake's fiscal 2025 ended 2025-01-31; its 10-K reports the year and its 10-Qs the first three
        // quarters. Its own press release gave fourth-quarter revenue of $986.8 million.
        FinancialFigure q4 = snow.figure(Metric.REVENUE, new FiscalPeriod(2025, 4)).orElseThrow();
        FinancialFigure year = annual(Metric.REVENUE, 2025);
        BigDecimal firstThree = BigDecimal.ZERO;
        for (int q = 1; q <= 3; q++) {
            FinancialFigure quarter = snow.figure(Metric.REVENUE, new FiscalPeriod(2025, q)).orElseThrow();
            assertThat(quarter.derived()).isFalse();
            firstThree = firstThree.add(quarter.value());
        }

        assertThat(q4.derived()).isTrue();
        assertThat(q4.value()).isEqualByComparingTo(year.value().subtract(firstThree));
        assertThat(q4.value().divide(BigDecimal.valueOf(100_000), 0, java.math.RoundingMode.HALF_EVEN))
                .isEqualByComparingTo("9868");
        assertThat(q4.start()).isEqualTo(LocalDate.parse("2024-11-01"));
        assertThat(q4.end()).isEqualTo(LocalDate.parse("2025-01-31"));
        assertThat(q4.source()).isEqualTo(year.source());
        // A day's balance, a per-share figure and a share count do not add up over quarters.
        assertThat(snow.figure(Metric.EPS_DILUTED, new FiscalPeriod(2025, 4))).isEmpty();
        assertThat(snow.figure(Metric.DILUTED_SHARES, new FiscalPeriod(2025, 4))).isEmpty();
        assertThat(snow.quarterly()).filteredOn(FinancialFigure::derived)
                .allSatisfy(f -> assertThat(f.metric().kind()).isEqualTo(Metric.Kind.MONEY))
                .allSatisfy(f -> assertThat(f.metric().instant()).isFalse());
    }
}
