package app.alex.desktop.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Small real PDFs written with PDFBox: one paragraph of lines a page. */
public final class TestPdfs {
    private TestPdfs() {
    }

    public static Path write(Path file, List<List<String>> pages) throws IOException {
        try (var document = new PDDocument()) {
            var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                var page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (var content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.setLeading(15);
                    content.newLineAtOffset(60, 760);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** Two pages: a liquidity page, then a page on supply risk. */
    public static Path twoPageFiling(Path file) throws IOException {
        return write(file, List.of(
                List.of("Liquidity and capital resources", "The company held cash of four billion dollars at year end.",
                        "Operating cash flow covered capital spending twice over."),
                List.of("Supply chain risks", "Most components come from a few suppliers in Asia.",
                        "A disruption at one foundry would delay shipments for months.",
                        "The company keeps eight weeks of inventory to soften such shocks.")));
    }
}
