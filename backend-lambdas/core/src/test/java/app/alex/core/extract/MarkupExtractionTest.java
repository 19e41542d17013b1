package app.alex.core.extract;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkupExtractionTest {
    private final FileExtractor extractor = new FileExtractor();

    @TempDir
    Path dir;

    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>Dividend policy explained | Example Finance</title>
            <style>body { color: red }</style><script>var tracking = "do not index me";</script></head>
            <body>
              <header><a href="/">Example Finance</a> <nav><a href="/markets">Markets</a> <a href="/funds">Funds</a></nav></header>
              <div id="cookie-banner">We use cookies. <button>Accept all cookies</button></div>
              <nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/guides">Guides</a></nav>
              <article>
                <header><h1>Dividend policy explained</h1><p class="byline">By A. Analyst</p></header>
                <p>Reinvested dividends are recorded
                   as income in the year they are paid.</p>
                <p>The cost basis of the holding rises by the amount reinvested.</p>
                <ul><li>Cash dividends</li><li>Stock dividends</li></ul>
                <footer>Tags: dividends, tax</footer>
              </article>
              <aside>Related: ten stocks to buy now</aside>
              <form><input name="q"><button>Search</button></form>
              <footer>© Example Finance. Privacy. Terms.</footer>
            </body></html>
            """;

    @Test
    void htmlGivesTheArticleTextAndTitleWithoutNavigationOrChrome() {
        ExtractedDocument doc = extractor.extract(PAGE.getBytes(StandardCharsets.UTF_8), "page.html");

        assertThat(doc.title()).isEqualTo("Dividend policy explained | Example Finance");
        assertThat(doc.mediaType()).isEqualTo("text/html");
        assertThat(doc.text()).isEqualTo("""
                Dividend policy explained

                By A. Analyst

                Reinvested dividends are recorded as income in the year they are paid.

                The cost basis of the holding rises by the amount reinvested.

                Cash dividends
                Stock dividends""");
        assertThat(doc.text()).doesNotContain("Markets", "Home", "cookies", "Related", "Privacy", "tracking",
                "color", "Search", "Tags");
    }

    @Test
    void htmlWithoutAnArticleUsesTheBodyWithoutPageHeaderAndFooter() {
        String page = "<html><body><header>Site name</header><nav>Menu</nav>"
                + "<h1>Fund facts</h1><p>First paragraph.</p><div>Second<br>line</div>"
                + "<footer>Contact us</footer></body></html>";

        ExtractedDocument doc = extractor.extract(page.getBytes(StandardCharsets.UTF_8), "facts.htm");

        assertThat(doc.title()).isEqualTo("Fund facts");
        assertThat(doc.text()).isEqualTo("Fund facts\n\nFirst paragraph.\n\nSecond\nline");
    }

    @Test
    void htmlHonoursTheCharsetItDeclares() {
        String page = "<html><head><meta charset=\"windows-1252\"><title>Coût</title></head>"
                + "<body><main><p>Prévisions à 50 €.</p></main></body></html>";

        ExtractedDocument doc = extractor.extract(page.getBytes(Charset.forName("windows-1252")), "old.html");

        assertThat(doc.title()).isEqualTo("Coût");
        assertThat(doc.text()).isEqualTo("Prévisions à 50 €.");
    }

    @Test
    void markdownGivesTextWithBlockBreaksAndTheFirstHeadingAsTitle() {
        String md = """
                Intro line before any heading.

                # Quarterly *review*

                Revenue rose.
                Margins held.

                ## Risks

                - rates
                - currency
                """;

        ExtractedDocument doc = extractor.extract(md.getBytes(StandardCharsets.UTF_8), "review.md");

        assertThat(doc.title()).isEqualTo("Quarterly review");
        assertThat(doc.mediaType()).isEqualTo("text/markdown");
        assertThat(doc.text()).startsWith("Intro line before any heading.\n\nQuarterly review\n\nRevenue rose.\nMargins held.\n\nRisks\n\n");
        assertThat(doc.text()).contains("rates").contains("currency").doesNotContain("#", "*");
    }

    @Test
    void markdownFrontMatterTitleWinsAndIsNotPartOfTheText() {
        String md = "---\ntitle: \"Notes on bonds\"\ntags: [fixed-income]\n---\n# Heading\n\nBody text.\n";

        ExtractedDocument doc = extractor.extract(md.getBytes(StandardCharsets.UTF_8), "notes.markdown");

        assertThat(doc.title()).isEqualTo("Notes on bonds");
        assertThat(doc.text()).isEqualTo("Heading\n\nBody text.");
    }

    private static byte[] docx(String coreTitle) throws IOException {
        try (var document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            if (coreTitle != null) {
                document.getProperties().getCoreProperties().setTitle(coreTitle);
            }
            var heading = document.createParagraph();
            heading.setStyle("Heading1");
            heading.createRun().setText("Credit outlook");
            document.createParagraph().createRun().setText("Spreads tightened in the quarter.");
            XWPFTable table = document.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Issuer");
            table.getRow(0).getCell(1).setText("Rating");
            table.getRow(1).getCell(0).setText("Acme Corp");
            table.getRow(1).getCell(1).setText("BBB+");
            document.createParagraph().createRun().setText("Defaults stayed low.");
            document.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void docxGivesParagraphsAndTablesAndTheCorePropertiesTitle() throws IOException {
        Path file = Files.write(dir.resolve("credit.docx"), docx("Credit Review 2024"));

        ExtractedDocument doc = extractor.extract(file);

        assertThat(doc.title()).isEqualTo("Credit Review 2024");
        assertThat(doc.mediaType()).isEqualTo(DocxExtractor.MEDIA_TYPE);
        assertThat(doc.text()).isEqualTo("Credit outlook\n\nSpreads tightened in the quarter.\n\n"
                + "Issuer\tRating\nAcme Corp\tBBB+\n\nDefaults stayed low.");
    }

    @Test
    void docxWithoutATitlePropertyTakesTheFirstHeading() throws IOException {
        ExtractedDocument doc = extractor.extract(docx(null), "credit.docx");

        assertThat(doc.title()).isEqualTo("Credit outlook");
    }

    @Test
    void aCorruptOrTruncatedDocxIsReportedAsDamaged() throws IOException {
        byte[] whole = docx("x");
        Path truncated = Files.write(dir.resolve("cut.docx"), Arrays.copyOf(whole, whole.length / 2));
        Path notZip = Files.writeString(dir.resolve("fake.docx"), "plain text pretending to be Word");

        assertThatThrownBy(() -> extractor.extract(truncated))
                .isInstanceOf(ExtractionException.class).hasMessageStartingWith("damaged DOCX");
        assertThatThrownBy(() -> extractor.extract(Arrays.copyOf(whole, whole.length / 2), "cut.docx"))
                .isInstanceOf(ExtractionException.class).hasMessageStartingWith("damaged DOCX");
        assertThatThrownBy(() -> extractor.extract(notZip))
                .isInstanceOf(ExtractionException.class).hasMessageStartingWith("damaged DOCX");
    }

    @Test
    void aPasswordProtectedDocxIsReportedAsEncrypted() {
        // Word wraps protected .docx files in an OLE2 container; its signature is enough to tell.
        byte[] ole2 = new byte[1024];
        byte[] signature = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(signature, 0, ole2, 0, signature.length);

        assertThatThrownBy(() -> extractor.extract(ole2, "locked.docx"))
                .isInstanceOf(ExtractionException.class).hasMessageStartingWith("encrypted DOCX");
    }
}
