package app.alex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Run run = Run.of("--data-dir", tmp.resolve("kb").toString(), "ingest", "--no-progress",
                tmp.resolve("filings").toString());

        assertThat(run.exitCode()).as(run.out() + "\n" + run.err()).isZero();
        assertThat(run.out()).contains("2 new").contains("0 failed").contains("1 skipped");
        assertThat(run.err()).doesNotContain("failed");
    }
}
