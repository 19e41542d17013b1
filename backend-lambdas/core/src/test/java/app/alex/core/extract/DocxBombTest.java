package app.alex.core.extract;

import app.alex.core.error.ErrorCode;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOCX files that expand far beyond their size are refused while being read, and say why. */
class DocxBombTest {
    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    @TempDir
    Path dir;

    @Test
    void aDocxWhoseTextMarkupExpandsPastSixtyFourMegabytesIsRefusedAsAPossibleZipBomb() throws IOException {
        // Ordinary varied words (a few times smaller compressed, nothing a ratio check would catch): 80 MB of markup.
        Path file = dir.resolve("huge.docx");
        var random = new Random(42);
        String[] vocabulary = new String[200];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(random);
        }
        writeDocx(file, out -> {
            var paragraph = new StringBuilder();
            long written = 0;
            while (written < 80L << 20) {
                paragraph.setLength(0);
                paragraph.append("<w:p><w:r><w:t>");
                for (int i = 0; i < 40; i++) {
                    paragraph.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
                }
                paragraph.append("</w:t></w:r></w:p>");
                byte[] bytes = paragraph.toString().getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                written += bytes.length;
            }
        }, null);
        assertThat(Files.size(file)).as("compressed size").isGreaterThan(4L << 20);

        long start = System.nanoTime();
        assertThatThrownBy(() -> new FileExtractor().extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("DOCX expands past 64 MB of text markup: refused as a possible zip bomb")
                .extracting(e -> ((ExtractionException) e).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThatThrownBy(() -> new FileExtractor().extract(Files.readAllBytes(file), "huge.docx"))
                .hasMessage("DOCX expands past 64 MB of text markup: refused as a possible zip bomb");
        System.out.printf("80 MB-markup DOCX (%d MB compressed) refused twice in %d ms%n", Files.size(file) >> 20,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aDocxWithAPartThatInflatesAThousandfoldIsRefusedAsAPossibleZipBombNotAsDamaged() throws IOException {
        Path file = dir.resolve("bomb.docx");
        writeDocx(file, null, "word/media/image1.png");

        assertThatThrownBy(() -> new FileExtractor().extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("DOCX part word/media/image1.png expands to more than 100 times its compressed size: "
                        + "refused as a possible zip bomb");
        assertThatThrownBy(() -> new FileExtractor().extract(Files.readAllBytes(file), "bomb.docx"))
                .hasMessageEndingWith("refused as a possible zip bomb");
    }

    @Test
    void anOrdinaryDocxStillReads() throws IOException {
        Path file = dir.resolve("report.docx");
        writeDocx(file, out -> out.write("<w:p><w:r><w:t>Spreads tightened.</w:t></w:r></w:p>".getBytes(StandardCharsets.UTF_8)),
                null);

        assertThat(new FileExtractor().extract(file).text()).isEqualTo("Spreads tightened.");
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * A real Word package (written by POI) with its document body replaced by {@code body}, and
     * optionally a 32 MB part of zeros (about 32 KB compressed) named {@code zeros}.
     */
    private static void writeDocx(Path target, Body body, String zeros) throws IOException {
        byte[] template;
        try (var document = new XWPFDocument(); var bytes = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText("placeholder");
            document.write(bytes);
            template = bytes.toByteArray();
        }
        try (var in = new ZipInputStream(new ByteArrayInputStream(template));
             var out = new ZipOutputStream(Files.newOutputStream(target))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml") && body != null) {
                    out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\""
                            + W + "\"><w:body>").getBytes(StandardCharsets.UTF_8));
                    body.write(out);
                    out.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            if (zeros != null) {
                out.putNextEntry(new ZipEntry(zeros));
                byte[] block = new byte[1 << 20];
                for (int i = 0; i < 32; i++) {
                    out.write(block);
                }
                out.closeEntry();
            }
        }
    }

    private static String word(Random random) {
        var word = new StringBuilder();
        int length = 3 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
