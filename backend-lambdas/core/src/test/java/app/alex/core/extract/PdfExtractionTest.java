package app.alex.core.extract;

import app.alex.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PdfExtractionTest {
    private final FileExtractor extractor = new FileExtractor();

    @TempDir
    Path dir;

    private static final List<String> THREE_PAGES = List.of(
            "Quarterly review\nRevenue rose in the first quarter.",
            "Dividends were reinvested.\nThe board approved the plan.",
            "Outlook\nMargins should improve next year.");

    @Test
    void aMultiPagePdfGivesOneSpanPerPageWithItsNumberAndText() throws IOException {
        Path file = Files.write(dir.resolve("review.pdf"), SamplePdfs.pdf(THREE_PAGES, null, null));

        ExtractedDocument doc = extractor.extract(file);

        assertThat(doc.mediaType()).isEqualTo("application/pdf");
        assertThat(doc.pages()).extracting(ExtractedDocument.PageSpan::number).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            var span = doc.pages().get(i);
            assertThat(doc.text().substring(span.start(), span.end())).isEqualTo(THREE_PAGES.get(i));
        }
        int dividends = doc.text().indexOf("Dividends were reinvested");
        assertThat(doc.pageAt(dividends)).isEqualTo(2);
        assertThat(doc.pageAt(doc.text().indexOf("Margins should"))).isEqualTo(3);
        assertThat(doc.text()).isEqualTo(String.join("\n\n", THREE_PAGES));
    }

    @Test
    void aWordBrokenAcrossLinesIsJoinedWhereTheDocumentUsesItWholeAndPagesStillLineUp() throws IOException {
        List<String> pages = List.of(
                "Declarations\nThe module's declara-\ntions are read first.",
                "A well-known parser keeps well-\nknown names; the manip-\nulation step is separate.",
                "Every declara-\ntion is checked.\nOne declaration per line.");
        Path file = Files.write(dir.resolve("typeset.pdf"), SamplePdfs.pdf(pages, null, null));

        ExtractedDocument doc = extractor.extract(file);

        assertThat(doc.text()).contains("The module's declarations are read first.")
                .contains("Every declaration is checked.")
                .as("a compound the document writes with its hyphen keeps it").contains("well-\nknown names")
                .as("a word the document never writes whole is left as it was").contains("manip-\nulation");
        assertThat(doc.pages()).extracting(ExtractedDocument.PageSpan::number).containsExactly(1, 2, 3);
        assertThat(doc.text().substring(doc.pages().get(1).start(), doc.pages().get(1).end())).isEqualTo(pages.get(1));
        assertThat(doc.text().substring(doc.pages().get(2).start(), doc.pages().get(2).end()))
                .isEqualTo("Every declaration is checked.\nOne declaration per line.");
        assertThat(doc.pageAt(doc.text().indexOf("Every declaration"))).isEqualTo(3);
    }

    /** A real TeX-typeset manual (Debian's libtasn1-doc): 35 words broken across lines, 32 of them written whole elsewhere. */
    @Test
    void aRealTypesetManualLosesTheLineBreaksInsideItsWords() throws IOException {
        Path manual = Path.of("/usr/share/doc/libtasn1-doc/libtasn1.pdf");
        assumeTrue(Files.isRegularFile(manual), "needs Debian's libtasn1-doc package as a real typeset PDF");

        ExtractedDocument doc = extractor.extract(manual);

        assertThat(doc.text()).contains("declarations").contains("SEQUENCE").doesNotContain("declara-\ntions")
                .doesNotContain("SE-\nQUENCE");
        long stillBroken = java.util.regex.Pattern.compile("\\p{L}-\\n\\p{L}").matcher(doc.text()).results().count();
        assertThat(stillBroken).as("breaks without evidence in the document").isLessThan(6);
        for (var page : doc.pages()) {
            assertThat(page.start()).isLessThanOrEqualTo(page.end()).isLessThanOrEqualTo(doc.text().length());
        }
        // Each phrase's page as PDFBox reads that page alone, with no join: about 20 words are joined before them.
        for (String phrase : List.of("Extract an OCTET SEQUENCE from DER data", "Extract a length field from DER data",
                "Converts a DER encoded object identifier")) {
            assertThat(doc.pageAt(doc.text().indexOf(phrase))).as(phrase).isEqualTo(pageHolding(manual, phrase));
        }
    }

    private static int pageHolding(Path pdf, String phrase) throws IOException {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            var stripper = new org.apache.pdfbox.text.PDFTextStripper();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                if (stripper.getText(document).replaceAll("\\s+", " ").contains(phrase)) {
                    return page;
                }
            }
        }
        throw new AssertionError("no page holds " + phrase);
    }

    @Test
    void theTitleComesFromTheDocumentInfoElseFromTheFirstLine() throws IOException {
        var created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        created.clear();
        created.set(2024, Calendar.MARCH, 5, 9, 30, 0);
        ExtractedDocument withInfo = extractor.extract(
                SamplePdfs.pdf(THREE_PAGES, "Fund Report Q1", null, created), "a.pdf");
        assertThat(withInfo.title()).isEqualTo("Fund Report Q1");
        assertThat(withInfo.date()).contains(created.toInstant());

        ExtractedDocument withoutInfo = extractor.extract(SamplePdfs.pdf(THREE_PAGES, null, null), "b.pdf");
        assertThat(withoutInfo.title()).isEqualTo("Quarterly review");
        assertThat(withoutInfo.date()).isEmpty();
    }

    @Test
    void aThreeHundredPagePdfExtractsEveryPageInOrder() throws IOException {
        Path file = SamplePdfs.writeReport(dir.resolve("report.pdf"), 300);

        ExtractedDocument doc = extractor.extract(file);

        assertThat(doc.title()).isEqualTo("Annual Report 2024");
        assertThat(doc.pages()).hasSize(300);
        for (int n = 1; n <= 300; n++) {
            var span = doc.pages().get(n - 1);
            assertThat(span.number()).isEqualTo(n);
            String page = doc.text().substring(span.start(), span.end());
            assertThat(page).as("page %d ends with its footer", n).endsWith("Page " + n);
            assertThat(doc.pageAt(span.start())).isEqualTo(n);
        }
        assertThat(doc.text().length()).isGreaterThan(300 * 2500);
    }

    @Test
    void aPdfWithAUserPasswordIsRefusedAsEncrypted() throws IOException {
        Path file = Files.write(dir.resolve("locked.pdf"), SamplePdfs.pdf(THREE_PAGES, "Secret", "s3cret"));

        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("encrypted PDF: remove the password and try again")
                .extracting(e -> ((ExtractionException) e).code()).isEqualTo(ErrorCode.UNPROCESSABLE_DOCUMENT);
    }

    @Test
    void aPdfWithOnlyAnOwnerPasswordOpensWithoutOneAndIsRead() throws IOException {
        byte[] restricted = SamplePdfs.pdf(THREE_PAGES, null, "");

        ExtractedDocument doc = extractor.extract(restricted, "restricted.pdf");

        assertThat(doc.text()).contains("Dividends were reinvested.");
    }

    @Test
    void aTruncatedPdfIsReportedAsDamagedNotAsALibraryError() throws IOException {
        byte[] whole = SamplePdfs.pdf(THREE_PAGES, null, null);
        Path file = Files.write(dir.resolve("cut.pdf"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("damaged PDF")
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> extractor.extract(Arrays.copyOf(whole, 40), "cut.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("damaged PDF");
    }

    @Test
    void aCorruptPdfIsReportedAsDamaged() throws IOException {
        // Right header and end marker, garbage in between: nothing PDFBox can rebuild.
        byte[] garbage = new byte[20_000];
        new java.util.Random(7).nextBytes(garbage);
        var corrupt = new java.io.ByteArrayOutputStream();
        corrupt.writeBytes("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        corrupt.writeBytes(garbage);
        corrupt.writeBytes("\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("corrupt.pdf"), corrupt.toByteArray());

        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("damaged PDF")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception", "org.apache"));
    }

    @Test
    void aFileNamedPdfThatIsNotAPdfIsReportedAsDamaged() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.pdf"), "just some text, not a PDF");

        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("damaged PDF: the file does not start like a PDF");
    }

    @Test
    void aPdfIsRecognisedByItsContentWhateverItsName() throws IOException {
        ExtractedDocument doc = extractor.extract(SamplePdfs.pdf(THREE_PAGES, null, null), "upload.bin");

        assertThat(doc.mediaType()).isEqualTo("application/pdf");
        assertThat(doc.pages()).hasSize(3);
    }
}
