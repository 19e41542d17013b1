package app.alex.core.extract;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Random;

/**
 * Writes PDFs for tests and benchmarks with PDFBox: a realistic long report (varied paragraphs,
 * section headings, a "Page N" footer on every page), or given page texts, optionally encrypted.
 *
 * <p>From the command line (core test classpath):
 * {@code java -cp ... app.alex.core.extract.SamplePdfs /tmp/report.pdf 300} writes a 300-page report.
 */
public final class SamplePdfs {
    private static final float MARGIN = 56;
    private static final float FONT_SIZE = 10.5f;
    private static final float LEADING = 14;
    private static final int LINE_CHARS = 92;
    private static final int LINES_PER_PAGE = 48;

    private static final String[] SUBJECTS = {"The fund", "Management", "The board", "Our credit team",
            "The portfolio", "Net interest income", "Operating margin", "Free cash flow", "The municipal sleeve",
            "Emerging market debt", "The equity allocation", "Currency exposure", "The pension obligation",
            "Reinvested dividends", "Tier 1 capital", "The loan book", "Deposit growth", "The hedging program"};
    private static final String[] VERBS = {"rose", "fell", "remained stable", "improved", "declined",
            "was recorded", "was rebalanced", "outperformed the benchmark", "lagged its peers",
            "was reduced", "increased", "was reviewed", "contributed positively", "weighed on returns"};
    private static final String[] DETAILS = {"during the fourth quarter", "compared with the prior year",
            "as rates moved higher", "after the rating agency review", "because of lower default rates",
            "despite currency headwinds", "in line with guidance", "on stronger loan demand",
            "as spreads tightened", "following the acquisition", "while duration was shortened",
            "as a result of higher funding costs", "across all regions", "in the small-cap segment",
            "as disclosed in note 14", "relative to the three-year average"};
    private static final String[] TAILS = {"", "", "", " by 3.2 percent", " to 412 million dollars",
            " by 85 basis points", ", which analysts had expected", ", although volatility was elevated",
            " and is expected to continue next year", ", net of fees"};

    private SamplePdfs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SamplePdfs OUTPUT.pdf [PAGES]");
            System.exit(2);
        }
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path out = writeReport(Path.of(args[0]), pages);
        System.out.println("wrote " + pages + " pages, " + Files.size(out) + " bytes: " + out);
    }

    /** A realistic report of {@code pages} pages: title "Annual Report", sections, paragraphs, footers. */
    public static Path writeReport(Path target, int pages) throws IOException {
        return write(target, reportPages(pages, 2024), "Annual Report 2024", null);
    }

    /** The page texts {@link #writeReport} writes (lines separated by '\n'). */
    public static List<String> reportPages(int pages, long seed) {
        var random = new Random(seed);
        var result = new ArrayList<String>(pages);
        int section = 0;
        for (int page = 1; page <= pages; page++) {
            var lines = new ArrayList<String>();
            if (page % 6 == 1) {
                section++;
                lines.add("Section " + section + ": " + SUBJECTS[random.nextInt(SUBJECTS.length)].replace("The ", "")
                        + " review");
                lines.add("");
            }
            while (lines.size() < LINES_PER_PAGE - 3) {
                lines.addAll(wrap(paragraph(random)));
                lines.add("");
            }
            while (lines.size() > LINES_PER_PAGE - 2) {
                lines.removeLast();
            }
            lines.add("");
            lines.add("Page " + page);
            result.add(String.join("\n", lines));
        }
        return result;
    }

    /** A PDF with one page per text (lines split at '\n'); title and user password may be null. */
    public static byte[] pdf(List<String> pageTexts, String title, String userPassword) throws IOException {
        return pdf(pageTexts, title, userPassword, null);
    }

    public static byte[] pdf(List<String> pageTexts, String title, String userPassword, Calendar created)
            throws IOException {
        try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            build(document, pageTexts, title, created);
            if (userPassword != null) {
                var policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    public static Path write(Path target, List<String> pageTexts, String title, String userPassword) throws IOException {
        try (var document = new PDDocument()) {
            build(document, pageTexts, title, null);
            if (userPassword != null) {
                document.protect(new StandardProtectionPolicy("owner-" + userPassword, userPassword,
                        new AccessPermission()));
            }
            document.save(target.toFile());
        }
        return target;
    }

    private static void build(PDDocument document, List<String> pageTexts, String title, Calendar created)
            throws IOException {
        var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (String text : pageTexts) {
            var page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, FONT_SIZE);
                content.setLeading(LEADING);
                content.newLineAtOffset(MARGIN, PDRectangle.LETTER.getHeight() - MARGIN);
                for (String line : text.split("\n", -1)) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
        }
        PDDocumentInformation info = document.getDocumentInformation();
        if (title != null) {
            info.setTitle(title);
        }
        if (created != null) {
            info.setCreationDate(created);
        }
    }

    private static String paragraph(Random random) {
        var text = new StringBuilder();
        int sentences = 2 + random.nextInt(6);
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                text.append(' ');
            }
            text.append(SUBJECTS[random.nextInt(SUBJECTS.length)]).append(' ')
                    .append(VERBS[random.nextInt(VERBS.length)]).append(' ')
                    .append(DETAILS[random.nextInt(DETAILS.length)])
                    .append(TAILS[random.nextInt(TAILS.length)]).append('.');
        }
        return text.toString();
    }

    private static List<String> wrap(String paragraph) {
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (line.length() + word.length() + 1 > LINE_CHARS && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
