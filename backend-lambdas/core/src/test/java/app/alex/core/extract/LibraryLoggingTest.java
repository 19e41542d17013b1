package app.alex.core.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PDFBox's and POI's logging stays off stderr: checked in a fresh JVM (the libraries bind their
 * loggers once per process), extracting a truncated PDF that still ends with {@code %%EOF}.
 */
class LibraryLoggingTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedPdfGivesOneClearMessageAndNoLibraryStackTraceOnStderr() throws Exception {
        byte[] pdf = SamplePdfs.pdf(List.of("Revenue grew strongly.", "Margins widened.", "Outlook raised."), "Q3", null);
        var truncated = new ByteArrayOutputStream();
        truncated.write(Arrays.copyOf(pdf, pdf.length / 2));
        truncated.write("\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("truncated.pdf"), truncated.toByteArray());

        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Extract.class.getName(), file.toString());
        builder.environment().remove("ALEX_DEBUG");
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(err).as("stderr").isEmpty();
        assertThat(out).as("stdout").startsWith("damaged PDF: ").hasLineCount(1);
    }

    /** Extracts one file in a fresh JVM and prints the outcome on stdout. */
    public static final class Extract {
        public static void main(String[] args) {
            try {
                System.out.println(new FileExtractor().extract(Path.of(args[0])).text());
            } catch (ExtractionException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
