package app.alex.core.extract;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.error.ErrorCode;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextExtractionTest {
    private static final String FRENCH = "Le fonds a réinvesti les dividendes reçus au cours de l'exercice. "
            + "Les obligations municipales ont été cédées à un prix supérieur à leur valeur comptable, "
            + "et la société de gestion prévoit une amélioration des marges l'année prochaine. "
            + "Déjà, les analystes évoquent une « hausse durable » des revenus — à suivre.";

    private final FileExtractor extractor = new FileExtractor();

    @TempDir
    Path dir;

    @Test
    void utf8TextIsReadAsIs() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), FRENCH + "\n\n日本語のテキストです。");

        ExtractedDocument doc = extractor.extract(file);

        assertThat(doc.text()).isEqualTo(FRENCH + "\n\n日本語のテキストです。");
        assertThat(doc.mediaType()).isEqualTo("text/plain");
        assertThat(doc.pages()).isEmpty();
    }

    @Test
    void invalidUtf8BytesBecomeReplacementCharactersAndTheRestIsKept() {
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes("Résumé of the fund: ".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, (byte) 0x80});
        bytes.writeBytes(" déjà vu, naïve ünïcode.".getBytes(StandardCharsets.UTF_8));

        ExtractedDocument doc = extractor.extract(bytes.toByteArray(), "broken.txt");

        assertThat(doc.text()).startsWith("Résumé of the fund: ").endsWith(" déjà vu, naïve ünïcode.");
        assertThat(doc.text()).contains("\uFFFD");
    }

    @Test
    void windows1252TextIsDetectedAndDecoded() {
        String text = FRENCH.replace("« ", "“").replace(" »", "”") + " Coût : 50 € par part.";
        byte[] bytes = text.getBytes(Charset.forName("windows-1252"));

        ExtractedDocument doc = extractor.extract(bytes, "legacy.txt");

        assertThat(doc.text()).isEqualTo(text);
    }

    @Test
    void latin1TextIsDecoded() {
        String text = "Prévisions pour l'année: croissance modérée, déficit réduit, taux d'intérêt élevés.";

        ExtractedDocument doc = extractor.extract(text.getBytes(StandardCharsets.ISO_8859_1), "latin1.txt");

        assertThat(doc.text()).isEqualTo(text);
    }

    @Test
    void utf16WithAndWithoutAByteOrderMarkIsDecoded() {
        ExtractedDocument withMark = extractor.extract(FRENCH.getBytes(StandardCharsets.UTF_16), "be-bom.txt");
        var le = new ByteArrayOutputStream();
        le.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xFE});
        le.writeBytes(FRENCH.getBytes(StandardCharsets.UTF_16LE));
        ExtractedDocument littleEndian = extractor.extract(le.toByteArray(), "le-bom.txt");
        ExtractedDocument withoutMark = extractor.extract(FRENCH.getBytes(StandardCharsets.UTF_16LE), "le.txt");

        assertThat(withMark.text()).isEqualTo(FRENCH);
        assertThat(littleEndian.text()).isEqualTo(FRENCH);
        assertThat(withoutMark.text()).isEqualTo(FRENCH);
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheText() {
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes("Hello".getBytes(StandardCharsets.UTF_8));

        assertThat(extractor.extract(bytes.toByteArray(), "bom.txt").text()).isEqualTo("Hello");
    }

    @Test
    void lineEndingsAreNormalisedAndControlCharactersStripped() {
        String raw = "first\r\nsecond\rthird\u0000 with\u0001NUL \u0007bell\tand tab   \r\n\r\n\r\n\r\nfourth\u000Cfifth";

        ExtractedDocument doc = extractor.extract(raw.getBytes(StandardCharsets.UTF_8), "messy.txt");

        assertThat(doc.text()).isEqualTo("first\nsecond\nthird withNUL bell\tand tab\n\nfourth\nfifth");
    }

    @Test
    void aBinaryFileNamedTxtIsRefusedAsNotText() throws IOException {
        byte[] binary = new byte[4096];
        new java.util.Random(1).nextBytes(binary);
        binary[10] = 0;
        Path file = Files.write(dir.resolve("image.txt"), binary);

        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("binary file, not text")
                .extracting(e -> ((ExtractionException) e).code()).isEqualTo(ErrorCode.UNPROCESSABLE_DOCUMENT);
    }

    @Test
    void binaryContentBehindAByteOrderMarkIsRefusedAsNotText() {
        byte[] random = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(random);
        for (byte[] mark : new byte[][]{{(byte) 0xFF, (byte) 0xFE}, {(byte) 0xFE, (byte) 0xFF},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}}) {
            byte[] bytes = new byte[mark.length + random.length];
            System.arraycopy(mark, 0, bytes, 0, mark.length);
            System.arraycopy(random, 0, bytes, mark.length, random.length);

            assertThatThrownBy(() -> extractor.extract(bytes, "dump.txt")).as("mark %02x", mark[0] & 0xFF)
                    .isInstanceOf(ExtractionException.class)
                    .hasMessageStartingWith("binary file, not text");
        }
    }

    @Test
    void realUtf16TextInAnyScriptStillReadsBehindItsByteOrderMark() {
        String text = "日本語のテキストです。Ελληνικά κείμενα. Emoji 🚀 too.\nÉtat des lieux.";

        assertThat(extractor.extract(text.getBytes(StandardCharsets.UTF_16), "notes.txt").text()).isEqualTo(text);
    }

    @Test
    void contentFullOfControlBytesWithoutNulIsRefusedAsNotText() {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 3 == 0 ? 0x01 + i % 7 : 'a');
        }

        assertThatThrownBy(() -> extractor.extract(bytes, "data.log"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("binary file, not text");
    }

    @Test
    void emptyAndZeroByteFilesGiveAnEmptyDocument() throws IOException {
        Path zero = Files.write(dir.resolve("zero.txt"), new byte[0]);
        Path blank = Files.writeString(dir.resolve("blank.txt"), " \r\n\t\n  ");
        Path zeroPdf = Files.write(dir.resolve("zero.pdf"), new byte[0]);
        Path zeroMd = Files.write(dir.resolve("zero.md"), new byte[0]);

        assertThat(extractor.extract(zero).text()).isEmpty();
        assertThat(extractor.extract(blank).text()).isEmpty();
        assertThat(extractor.extract(zeroPdf).text()).isEmpty();
        assertThat(extractor.extract(zeroPdf).mediaType()).isEqualTo("application/pdf");
        assertThat(extractor.extract(zeroMd).text()).isEmpty();
    }

    @Test
    void ingestReportsAnEmptyFileAsNoTextFound() throws IOException {
        Path zero = Files.write(dir.resolve("zero.txt"), new byte[0]);
        var ingest = new IngestService(extractor, new SentenceChunker(new WordTokenizer(40), 40, 8),
                new HashingEmbedder(), new InMemoryVectorIndex(), Clock.systemUTC());

        IngestResult result = ingest.ingestFile(zero, IngestOptions.DEFAULTS, IngestListener.NONE);

        assertThat(result.status()).isEqualTo(app.alex.core.ingest.IngestStatus.FAILED);
        assertThat(result.error()).startsWith("no text found");
    }

    @Test
    void oneHugeLineOfTextIsExtractedWhole() {
        var line = new StringBuilder(5 << 20);
        for (int i = 0; line.length() < (5 << 20); i++) {
            line.append("word").append(i).append(' ');
        }
        String text = line.toString().strip();

        ExtractedDocument doc = extractor.extract(text.getBytes(StandardCharsets.US_ASCII), "oneline.txt");

        assertThat(doc.text()).isEqualTo(text);
    }

    @Test
    void textFormatsKeepTheirMediaType() {
        assertThat(extractor.extract("a,b\n1,2".getBytes(StandardCharsets.UTF_8), "table.csv").mediaType())
                .isEqualTo("text/csv");
        assertThat(extractor.extract("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), "data.json").mediaType())
                .isEqualTo("application/json");
    }
}
