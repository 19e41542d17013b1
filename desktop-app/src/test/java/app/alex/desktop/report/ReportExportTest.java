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
        assertThat(ReportExport.markdown(r)).startsWith("# Title\n\n*").endsWith("*\n\nBody [1]\n");
        assertThat(ReportExport.fileName(r, "md")).isEqualTo("nvda-data-center-outlook.md");
        Path file = temp.resolve("out.md");
        ReportExport.write(file, "x");
        assertThat(Files.readString(file)).isEqualTo("x");
        try (var files = Files.list(temp)) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void theMarkdownSaysWhenWhatAndWhyUnderItsTitle() {
        String md = ReportExport.markdown(report("# NVDA outlook\n\nBody [1]"));
        String metaLine = md.lines().skip(2).findFirst().orElseThrow();

        assertThat(metaLine).startsWith("*").endsWith("*").contains("2026").contains("Scheduled")
                .contains("Extractive brief").contains("NVDA");
        assertThat(ReportExport.markdown(report("No heading here"))).startsWith("*").contains("\n\nNo heading here\n");
    }

    @Test
    void aLongTitleIsCutBetweenWordsNotInsideOne() {
        var r = new ResearchReport("r2", "t", "Supply chain concentration and export controls on advanced accelerators in China",
                "x", List.of(), Instant.parse("2026-01-02T10:00:00Z"), "extractive", true, ResearchReport.Trigger.MANUAL,
                List.of(), false);

        String name = ReportExport.fileName(r, "md");

        assertThat(name).isEqualTo("supply-chain-concentration-and-export-controls-on-advanced.md");
    }

    @Test
    void anExportCanBeReadByOthersLikeAnyNewFileNotOnlyByItsOwner(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("report.md");

        ReportExport.write(file, "x");

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void exportsStartInTheLastExportFolderRememberedAcrossLaunches(@TempDir Path temp) throws Exception {
        Path memory = temp.resolve("config/last-export-folder");
        Path reports = Files.createDirectories(temp.resolve("reports"));

        new app.alex.desktop.ui.FileDialogs.ExportFolder(memory).set(reports);

        assertThat(new app.alex.desktop.ui.FileDialogs.ExportFolder(memory).get()).isEqualTo(reports);
        Files.delete(reports);
        assertThat(new app.alex.desktop.ui.FileDialogs.ExportFolder(memory).get())
                .isEqualTo(Path.of(System.getProperty("user.home"))
                        .resolve(Files.isDirectory(Path.of(System.getProperty("user.home"), "Documents")) ? "Documents" : ""));
    }
}
