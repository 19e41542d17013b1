package app.alex.research.edgar;

import app.alex.core.error.AlexException;
import app.alex.edgar.EdgarConfig;
import app.alex.edgar.financials.Metric;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgarResearchTest {

    @Test
    void edgarIsOnlyConfiguredWithAUserAgentAndTheOtherSettingsAreReadOnlyThen() {
        assertThat(EdgarResearch.fromEnvironment(Map.of())).isEmpty();
        assertThat(EdgarResearch.fromEnvironment(Map.of(EdgarConfig.USER_AGENT_ENV, "  "))).isEmpty();
        // Without a user agent a broken URL is never read, so it cannot stop the researcher from starting.
        assertThat(EdgarResearch.fromEnvironment(Map.of(EdgarConfig.DATA_URL_ENV, "not a url"))).isEmpty();

        var on = EdgarResearch.fromEnvironment(Map.of(EdgarConfig.USER_AGENT_ENV, "Jane Doe jane@example.com"));
        assertThat(on).isPresent();
        assertThat(on.get().edgar().client().config().archivesUrl()).isEqualTo(EdgarConfig.DEFAULT_ARCHIVES_URL);
        assertThat(on.get().filingUrl(new app.alex.edgar.company.Cik(320193), "0000320193-24-000123"))
                .isEqualTo("https://www.sec.gov/Archives/edgar/data/320193/000032019324000123/");

        assertThatThrownBy(() -> EdgarResearch.fromEnvironment(Map.of(EdgarConfig.USER_AGENT_ENV, "Jane Doe jane@example.com",
                EdgarConfig.DATA_URL_ENV, "ftp://data.example")))
                .isInstanceOf(AlexException.class).hasMessageContaining(EdgarConfig.DATA_URL_ENV);
    }

    @Test
    void figuresReadAsAnAnalystWritesThem() {
        assertThat(EdgarResearch.format(Metric.REVENUE, new BigDecimal("3626396000"), "USD")).isEqualTo("$3,626.4 million");
        assertThat(EdgarResearch.format(Metric.NET_INCOME, new BigDecimal("-1285640000"), "USD")).isEqualTo("-$1,285.6 million");
        assertThat(EdgarResearch.format(Metric.NET_INCOME, new BigDecimal("-52000"), "USD")).isEqualTo("-$52,000");
        assertThat(EdgarResearch.format(Metric.EPS_DILUTED, new BigDecimal("-3.86"), "USD/shares")).isEqualTo("-$3.86 per share");
        assertThat(EdgarResearch.format(Metric.DILUTED_SHARES, new BigDecimal("332700000"), "shares")).isEqualTo("332.7 million shares");
        assertThat(EdgarResearch.format(Metric.REVENUE, new BigDecimal("2000000"), "EUR")).isEqualTo("EUR 2.0 million");
    }
}
