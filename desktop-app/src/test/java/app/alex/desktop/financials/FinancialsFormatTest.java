package app.alex.desktop.financials;

import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Metric;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** How the Financials table writes a figure and says where it comes from. */
class FinancialsFormatTest {
    static FinancialFigure figure(Metric metric, String value, String unit) {
        return new FinancialFigure(metric, FiscalPeriod.year(2025), LocalDate.parse("2024-02-01"), LocalDate.parse("2025-01-31"),
                new BigDecimal(value), unit, metric.concepts().getFirst(),
                new FinancialFigure.Source("0001640147-25-000052", "10-K", LocalDate.parse("2025-03-21")));
    }

    @Test
    void moneyAndSharesInMillionsPerShareAsReportedLossesInParentheses() {
        assertThat(FinancialsViewModel.format(figure(Metric.REVENUE, "3626396000", "USD"))).isEqualTo("3,626.4");
        assertThat(FinancialsViewModel.format(figure(Metric.NET_INCOME, "-1285640000", "USD"))).isEqualTo("(1,285.6)");
        assertThat(FinancialsViewModel.format(figure(Metric.EPS_DILUTED, "-3.86", "USD/shares"))).isEqualTo("(3.86)");
        assertThat(FinancialsViewModel.format(figure(Metric.DILUTED_SHARES, "333000000", "shares"))).isEqualTo("333.0");
        assertThat(FinancialsViewModel.format(null)).isEmpty();
        assertThat(FinancialsViewModel.millions(new BigDecimal("3626396000"))).isEqualByComparingTo("3626.4");
    }

    @Test
    void theTooltipNamesTheExactValueThePeriodTheConceptAndTheFiling() {
        assertThat(FinancialsViewModel.provenance(figure(Metric.REVENUE, "3626396000", "USD"))).isEqualTo("""
                Revenue, FY2025: 3626396000 USD
                2024-02-01 to 2025-01-31
                us-gaap:Revenues
                10-K filed 2025-03-21, accession 0001640147-25-000052""");
    }

    @Test
    void aDerivedFourthQuarterSaysHowItWasDerivedAndWhichAnnualReportItCameFrom() {
        var q4 = new FinancialFigure(Metric.REVENUE, new FiscalPeriod(2025, 4), LocalDate.parse("2024-11-01"),
                LocalDate.parse("2025-01-31"), new BigDecimal("986770000"), "USD", "Revenues",
                new FinancialFigure.Source("0001640147-25-000052", "10-K", LocalDate.parse("2025-03-21")), true);

        assertThat(FinancialsViewModel.provenance(q4)).isEqualTo("""
                Revenue, Q4 FY2025: 986770000 USD
                2024-11-01 to 2025-01-31
                us-gaap:Revenues
                Derived: the fiscal year's figure minus the first three quarters' (no filing reports the fourth quarter on its own)
                Year from: 10-K filed 2025-03-21, accession 0001640147-25-000052""");
    }
}
