package app.alex.edgar;

import app.alex.edgar.company.FiscalCalendar;
import app.alex.edgar.company.FiscalPeriod;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EdgarFiscalCalendarTest {
    @Test
    void applesFiftyTwoWeekYearEndsOnTheLastSaturdayOfSeptember() {
        // EDGAR gives "0926" today (FY2025 ended 2025-09-27); FY2024 ended 2024-09-28.
        for (String fye : new String[]{"0926", "0928"}) {
            var apple = FiscalCalendar.endingOn(fye);
            assertThat(apple.year(LocalDate.parse("2024-09-28"))).isEqualTo(FiscalPeriod.year(2024));
            assertThat(apple.year(LocalDate.parse("2025-09-27"))).isEqualTo(FiscalPeriod.year(2025));
            assertThat(apple.quarter(LocalDate.parse("2024-12-28"))).isEqualTo(new FiscalPeriod(2025, 1));
            assertThat(apple.quarter(LocalDate.parse("2025-03-29"))).isEqualTo(new FiscalPeriod(2025, 2));
            assertThat(apple.quarter(LocalDate.parse("2025-06-28"))).isEqualTo(new FiscalPeriod(2025, 3));
        }
    }

    @Test
    void teslasFiscalYearIsTheCalendarYear() {
        var tesla = FiscalCalendar.endingOn("1231");
        assertThat(tesla.year(LocalDate.parse("2024-12-31"))).isEqualTo(FiscalPeriod.year(2024));
        assertThat(tesla.quarter(LocalDate.parse("2025-06-30"))).isEqualTo(new FiscalPeriod(2025, 2));
        assertThat(tesla.quarter(LocalDate.parse("2025-09-30"))).isEqualTo(new FiscalPeriod(2025, 3));
    }

    @Test
    void aYearEndingInJanuaryIsNamedByTheYearItEndsIn() {
        // Snowflake: FY2025 ran from 2024-02-01 to 2025-01-31; its quarter to 2025-04-30 is Q1 FY2026.
        var snowflake = FiscalCalendar.fromYearEnds(Map.of(2025, LocalDate.parse("2025-01-31"), 2024, LocalDate.parse("2024-01-31")));
        assertThat(snowflake.year(LocalDate.parse("2025-01-31"))).isEqualTo(FiscalPeriod.year(2025));
        assertThat(snowflake.year(LocalDate.parse("2023-01-31"))).isEqualTo(FiscalPeriod.year(2023));
        assertThat(snowflake.quarter(LocalDate.parse("2025-04-30"))).isEqualTo(new FiscalPeriod(2026, 1));
        assertThat(snowflake.quarter(LocalDate.parse("2024-10-31"))).isEqualTo(new FiscalPeriod(2025, 3));
    }

    @Test
    void labelsAndTags() {
        assertThat(FiscalPeriod.year(2024).label()).isEqualTo("FY2024");
        assertThat(new FiscalPeriod(2025, 3).label()).isEqualTo("Q3 FY2025");
        assertThat(new FiscalPeriod(2025, 3).tag()).isEqualTo("Q3-FY2025");
        assertThat(FiscalCalendar.endingOn("garbage").year(LocalDate.parse("2024-12-31"))).isEqualTo(FiscalPeriod.year(2024));
    }
}
