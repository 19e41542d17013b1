package app.alex.edgar;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgarConfigTest {
    @Test
    void refusesToRunWithoutAUserAgentAndSaysWhyEdgarWantsOne() {
        assertThatThrownBy(() -> EdgarConfig.fromEnvironment(Map.of()))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("ALEX_EDGAR_USER_AGENT")
                .hasMessageContaining("Jane Doe jane@example.com")
                .hasMessageContaining("403")
                .satisfies(e -> assertThat(((AlexException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> EdgarConfig.fromEnvironment(Map.of("ALEX_EDGAR_USER_AGENT", "  ")))
                .hasMessageContaining("ALEX_EDGAR_USER_AGENT");
    }

    @Test
    void defaultsToSecHostsAndTakesOthersWithoutTheirTrailingSlash() {
        var defaults = EdgarConfig.fromEnvironment(Map.of("ALEX_EDGAR_USER_AGENT", " Jane Doe jane@example.com "));
        assertThat(defaults.userAgent()).isEqualTo("Jane Doe jane@example.com");
        assertThat(defaults.dataUrl()).isEqualTo(URI.create("https://data.sec.gov"));
        assertThat(defaults.archivesUrl()).isEqualTo(URI.create("https://www.sec.gov"));

        var local = EdgarConfig.fromEnvironment(Map.of("ALEX_EDGAR_USER_AGENT", "Jane Doe jane@example.com",
                "ALEX_EDGAR_DATA_URL", "http://127.0.0.1:8080/", "ALEX_EDGAR_ARCHIVES_URL", "http://127.0.0.1:8081"));
        assertThat(local.dataUrl()).hasToString("http://127.0.0.1:8080");
        assertThat(local.archivesUrl()).hasToString("http://127.0.0.1:8081");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedByName() {
        assertThatThrownBy(() -> EdgarConfig.fromEnvironment(Map.of("ALEX_EDGAR_USER_AGENT", "Jane Doe jane@example.com",
                "ALEX_EDGAR_DATA_URL", "ftp://example.com")))
                .hasMessageContaining("ALEX_EDGAR_DATA_URL").hasMessageContaining("ftp://example.com");
        assertThatThrownBy(() -> EdgarConfig.fromEnvironment(Map.of("ALEX_EDGAR_USER_AGENT", "Jane\nDoe")))
                .hasMessageContaining("one line");
    }
}
