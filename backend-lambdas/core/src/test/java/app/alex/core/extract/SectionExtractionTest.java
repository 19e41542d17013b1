package app.alex.core.extract;

import app.alex.core.extract.ExtractedDocument.SectionSpan;
import app.alex.core.testing.EdgarFiles;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headings become section spans (a heading path over the text up to the next heading) in HTML,
 * Markdown and Word; a real SEC filing is read as a filing: Parts and Items, page breaks, figures
 * in readable rows, no hidden XBRL facts and no running footers.
 */
class SectionExtractionTest {
    private final FileExtractor extractor = new FileExtractor();

    private static String sectionOf(ExtractedDocument doc, String passage) {
        int at = doc.text().indexOf(passage);
        assertThat(at).as("'%s' in the text", passage).isNotNegative();
        return doc.sectionAt(at);
    }

    @Test
    void htmlHeadingsNestIntoPathsThatCoverTheTextUpToTheNextHeading() {
        String html = """
                <html><body><article>
                <h1>Semiconductors outlook</h1><p>Intro paragraph.</p>
                <h2>Supply</h2><p>Foundry capacity is tight.</p>
                <h3>Packaging</h3><p>Advanced packaging lags.</p>
                <h2>Demand</h2><p>Data-center orders rose.</p>
                </article></body></html>""";

        ExtractedDocument doc = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "outlook.html");

        assertThat(sectionOf(doc, "Intro paragraph.")).isEqualTo("Semiconductors outlook");
        assertThat(sectionOf(doc, "Advanced packaging lags.")).isEqualTo("Semiconductors outlook > Supply > Packaging");
        assertThat(sectionOf(doc, "Data-center orders rose.")).isEqualTo("Semiconductors outlook > Demand");
        assertThat(doc.text()).contains("Supply\n\nFoundry capacity is tight.").doesNotContain("\uFDD0");
    }

    @Test
    void markdownHeadingsBecomeSectionsAndAHeadingTextInsideAParagraphIsNotTakenForOne() {
        String md = """
                # Copper note

                Supply matters here too.

                ## Supply

                Mines in Chile slowed.

                ### Chile

                Strikes continued.
                """;

        ExtractedDocument doc = extractor.extract(md.getBytes(StandardCharsets.UTF_8), "copper.md");

        assertThat(sectionOf(doc, "Supply matters")).isEqualTo("Copper note");
        assertThat(sectionOf(doc, "Mines in Chile")).isEqualTo("Copper note > Supply");
        assertThat(sectionOf(doc, "Strikes continued.")).isEqualTo("Copper note > Supply > Chile");
    }

    @Test
    void wordHeadingStylesBecomeSections() throws IOException {
        byte[] docx;
        try (var document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            var h1 = document.createParagraph();
            h1.setStyle("Heading1");
            h1.createRun().setText("Credit outlook");
            document.createParagraph().createRun().setText("Spreads tightened.");
            var h2 = document.createParagraph();
            h2.setStyle("Heading2");
            h2.createRun().setText("High yield");
            document.createParagraph().createRun().setText("Defaults stayed low.");
            document.write(out);
            docx = out.toByteArray();
        }

        ExtractedDocument doc = extractor.extract(docx, "credit.docx");

        assertThat(sectionOf(doc, "Spreads tightened.")).isEqualTo("Credit outlook");
        assertThat(sectionOf(doc, "Defaults stayed low.")).isEqualTo("Credit outlook > High yield");
        assertThat(doc.text()).startsWith("Credit outlook\n\nSpreads tightened.");
    }

    @Test
    void aRealTenKIsReadAsAFilingWithItsItemsPagesAndFigures() throws Exception {
        ExtractedDocument doc = extractor.extract(EdgarFiles.file("aapl-10-k-2024-11-01.html"));

        assertThat(doc.title()).isEqualTo("Apple Inc. 10-K FY2024");
        assertThat(sectionOf(doc, "The Company’s business, reputation, results of operations, financial condition and stock price can be affected"))
                .isEqualTo("Part I > Item 1A. Risk Factors");
        assertThat(sectionOf(doc, "The following table shows net sales by reportable segment for 2024"))
                .isEqualTo("Part II > Item 7. Management’s Discussion and Analysis of Financial Condition and Results of "
                        + "Operations > Segment Operating Performance");
        assertThat(doc.sections()).extracting(SectionSpan::path).contains("Part I > Item 3. Legal Proceedings",
                "Part II > Item 8. Financial Statements and Supplementary Data > Consolidated Balance Sheets");
        // The table of contents lists every Item, but nothing inside a table is a heading.
        assertThat(doc.sections().stream().filter(s -> s.path().endsWith("Item 1A. Risk Factors")).count()).isEqualTo(1);
        // Figures read as rows with their column headings.
        assertThat(doc.text()).contains("Total net sales — 2024: $391,035; Change: 2%; 2023: $383,285; Change: (3)%; 2022: $394,328");
        // Hidden XBRL facts and the running footer of each page are not text.
        assertThat(doc.text()).doesNotContain("http://fasb.org/us-gaap").doesNotContain("0000320193us-gaap")
                .doesNotContain("Apple Inc. | 2024 Form 10-K |");
        assertThat(doc.pages()).hasSizeGreaterThan(50);
        int riskFactors = doc.text().indexOf("The Company’s business, reputation, results of operations");
        assertThat(doc.pageAt(riskFactors)).isBetween(5, 20);
    }

    @Test
    void aRealTenQNamesItsPartsAndFiscalQuarter() throws Exception {
        ExtractedDocument doc = extractor.extract(EdgarFiles.file("tsla-10-q-2025-07-24.html"));

        assertThat(doc.title()).isEqualTo("Tesla, Inc. 10-Q Q2 FY2025");
        assertThat(doc.sections()).extracting(SectionSpan::path)
                .anyMatch(p -> p.startsWith("Part II") && p.contains("Item 1A. Risk Factors"))
                .anyMatch(p -> p.startsWith("Part I") && p.contains("Item 2. Management’s Discussion"));
    }

    @Test
    void marksInTheSourceCannotForgeAHeading() {
        String html = "<html><body><p>\uFDD01Fake\uFDD1 heading and \uFDD2 page</p></body></html>";

        ExtractedDocument doc = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "forged.html");

        assertThat(doc.sections()).isEmpty();
        assertThat(doc.pages()).isEmpty();
        assertThat(doc.text()).isEqualTo("1Fake heading and page");
    }
}
