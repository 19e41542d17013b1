package app.alex.desktop.shell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkbenchUriTest {
    @Test
    void urlsStayUrlsPathsBecomeFileUrisAndLabelsOpenNothing() {
        assertThat(Workbench.toUri("https://sec.gov/a b")).isEqualTo("https://sec.gov/a%20b");
        assertThat(Workbench.toUri("/home/ana/filings/10-K 2025.pdf")).isEqualTo("file:///home/ana/filings/10-K%202025.pdf");
        assertThat(Workbench.toUri("pasted text")).isNull();
        assertThat(Workbench.toUri("")).isNull();
        assertThat(Workbench.toUri(null)).isNull();
    }
}
