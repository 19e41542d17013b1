package app.alex.desktop.pdf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PDF pages drawn with PDFBox, and the passage's lines found on them. */
class PdfPagesTest {
    @TempDir
    Path dir;

    @Test
    void aPageIsDrawnAtItsScaleWithABoxOverEachLineOfThePassage() throws Exception {
        Path pdf = TestPdfs.twoPageFiling(dir.resolve("filing.pdf"));

        var page = PdfPages.render(pdf, 2, "Most components come from a few suppliers in Asia. "
                + "A disruption at one foundry would delay shipments for months.", 1.5f);

        assertThat(page.page()).isEqualTo(2);
        assertThat(page.pageCount()).isEqualTo(2);
        assertThat(page.width()).isBetween(892, 893); // A4 is 595.28 points wide
        assertThat(page.argb()).hasSize(page.width() * page.height());
        assertThat(page.marks()).hasSize(2); // the passage's two lines, not the heading or the last line
        assertThat(page.marks()).allSatisfy(box -> {
            assertThat(box.x()).isBetween(0.0, (double) page.width());
            assertThat(box.y() + box.height()).isBetween(0.0, (double) page.height());
            assertThat(box.width()).isGreaterThan(100);
        });
        // The marked lines are below the heading line, one under the other.
        assertThat(page.marks().get(1).y()).isGreaterThan(page.marks().get(0).y());
    }

    @Test
    void aPassageNotOnThePageMarksNothingAndAPassageRunningOnFromThePageBeforeIsMarkedWhereItContinues()
            throws Exception {
        Path pdf = TestPdfs.twoPageFiling(dir.resolve("filing.pdf"));

        assertThat(PdfPages.render(pdf, 1, "Most components come from a few suppliers in Asia.", 1f).marks()).isEmpty();
        String runningOn = "Operating cash flow covered capital spending twice over, as noted above in this report. "
                + "Supply chain risks. Most components come from a few suppliers in Asia.";
        assertThat(PdfPages.render(pdf, 2, runningOn, 1f).marks()).isNotEmpty();
    }

    @Test
    void aMovedFileADamagedFileAndAMissingPageSayWhatIsWrong() throws Exception {
        Path pdf = TestPdfs.twoPageFiling(dir.resolve("filing.pdf"));
        Path damaged = Files.writeString(dir.resolve("damaged.pdf"), "%PDF-1.7 not really");

        assertThatThrownBy(() -> PdfPages.render(dir.resolve("gone.pdf"), 1, "", 1f))
                .isInstanceOf(PdfPages.PageUnavailable.class).hasMessageContaining("moved or deleted");
        assertThatThrownBy(() -> PdfPages.render(damaged, 1, "", 1f))
                .isInstanceOf(PdfPages.PageUnavailable.class).hasMessageContaining("damaged or not a PDF");
        assertThatThrownBy(() -> PdfPages.render(pdf, 5, "", 1f))
                .isInstanceOf(PdfPages.PageUnavailable.class).hasMessageContaining("has 2 pages, not a page 5");
    }

    @Test
    void onlyAnAbsoluteLocalPdfCanBeDrawn() {
        assertThat(PdfPages.localFile("/filings/q3.pdf")).isEqualTo(Path.of("/filings/q3.pdf"));
        assertThat(PdfPages.localFile("file:///filings/q3%20final.PDF")).isEqualTo(Path.of("/filings/q3 final.PDF"));
        assertThat(PdfPages.localFile("https://example.com/q3.pdf")).isNull();
        assertThat(PdfPages.localFile("/notes/q3.md")).isNull();
        assertThat(PdfPages.localFile("q3.pdf")).isNull();
    }
}
