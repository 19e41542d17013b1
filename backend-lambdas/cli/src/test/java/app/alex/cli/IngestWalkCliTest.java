package app.alex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alex ingest} over folders a real disk holds: its exit code says whether anything was lost. */
class IngestWalkCliTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderWithASymbolicLinkLoopStoresEveryRealFileAndExitsZero() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("filings/sub"));
        Files.writeString(folder.resolve("q3.md"), "# Q3\n\nSegment revenue rose on data-center demand.");
        Files.writeString(tmp.resolve("filings/q4.md"), "# Q4\n\nGuidance was raised for the coming year.");
        Files.createSymbolicLink(folder.resolve("up"), tmp.resolve("filings"));
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = AlexCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int code = commandLine.execute("--data-dir", tmp.resolve("kb").toString(), "ingest", "--no-progress",
                tmp.resolve("filings").toString());

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("2 new").contains("0 failed").contains("1 skipped");
        assertThat(err.toString()).doesNotContain("failed");
    }
}
