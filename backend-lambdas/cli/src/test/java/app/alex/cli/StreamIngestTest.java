package app.alex.cli;

import app.alex.core.document.DocumentRecord;
import app.alex.core.extract.FileExtractor;
import app.alex.core.index.DocumentQuery;
import app.alex.embedded.EmbeddedBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cat FILE | alex ingest /dev/stdin} in a real shell pipe: the stream is read once, whole. */
class StreamIngestTest {
    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "a shell pipe into /dev/stdin")
    void aFilePipedToStandardInputIsStoredWholeNotWithoutItsFirst8KiB() throws Exception {
        var text = new StringBuilder();
        for (int i = 0; text.length() < 18_000; i++) {
            text.append("Line ").append(i).append(" of the piped filing: segment revenue, margins and guidance.\n");
        }
        Path file = Files.writeString(tmp.resolve("piped.txt"), text);
        Path kb = tmp.resolve("kb");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("sh", "-c", "cat \"$1\" | \"$2\" --enable-native-access=ALL-UNNAMED -cp \"$3\" "
                + "\"$4\" --data-dir \"$5\" ingest --no-progress /dev/stdin", "sh", file.toString(), java,
                System.getProperty("java.class.path"), AlexCommand.class.getName(), kb.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("created").contains("/dev/stdin");
        try (var backend = EmbeddedBackend.open(kb)) {
            List<DocumentRecord> documents = backend.knowledgeBase().documents(DocumentQuery.firstPage(10)).documents();
            assertThat(documents).singleElement().satisfies(d -> {
                assertThat(d.charCount()).isEqualTo(new FileExtractor().extract(file).text().length());
                assertThat(d.title()).startsWith("Line 0 of the piped filing");
            });
        }
    }
}
