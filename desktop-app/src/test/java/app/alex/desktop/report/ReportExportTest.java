package app.alex.desktop.report;

import app.alex.core.research.Citation;
import app.alex.core.research.ResearchReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportExportTest {
    static ResearchReport report(String markdown) {
        return new ResearchReport("r1", "NVDA outlook", "NVDA: data-center <outlook>", markdown,
                List.of(new Citation(1, Citation.Kind.PASSAGE, "d1", 0, "10-K", "/filings/10k.pdf", "Revenue rose."),
                        new Citation(2, Citation.Kind.WEB, null, -1, "News", "https://example.com/n?a=1&b=2", "")),
                Instant.parse("2026-01-02T10:00:00Z"), "extractive", true, ResearchReport.Trigger.SCHEDULED,
                List.of("NVDA"), false);
    }

    @Test
    void htmlHasHeadingsLinkedCitationsAndANumberedSourceList() {
        String html = ReportExport.html(report("# NVDA\n\n## Key points\n\n- Revenue rose [1], news agrees [2].\n"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>NVDA: data-center &lt;outlook&gt;</title>")
                .contains("<h2>Key points</h2>").contains("<a class=\"cite\" href=\"#cite-1\">[1]</a>")
                .contains("<li id=\"cite-2\" value=\"2\"><a href=\"https://example.com/n?a=1&amp;b=2\">News</a>")
                .contains("Extractive brief (no language model)").contains("Scheduled").contains("NVDA");
    }

    @Test
    void htmlFromTheReportIsEscapedSoAnExportCannotRunScripts() {
        String html = ReportExport.html(report("Hello <script>alert(1)</script> [x](javascript:alert(2))"));
        assertThat(html).doesNotContain("<script>").doesNotContain("javascript:");
    }

    @Test
    void markdownIsTheReportAsWrittenAndFileNamesComeFromTheTitle(@TempDir Path temp) throws Exception {
        var r = report("# Title\n\nBody [1]\n\n");
        assertThat(ReportExport.markdown(r)).isEqualTo("# Title\n\nBody [1]\n");
        assertThat(ReportExport.fileName(r, "md")).isEqualTo("nvda-data-center-outlook.md");
        Path file = temp.resolve("out.md");
        ReportExport.write(file, "x");
        assertThat(Files.readString(file)).isEqualTo("x");
        try (var files = Files.list(temp)) {
            assertThat(files.toList()).containsExactly(file);
        }
    }
}
