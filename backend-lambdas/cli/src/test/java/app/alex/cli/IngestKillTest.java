package app.alex.cli;

import app.alex.core.index.DocumentQuery;
import app.alex.embedded.EmbeddedBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability end to end: {@code alex ingest} runs in a child JVM and is killed with SIGKILL in the
 * middle of a folder; every file it had reported stored must still be there when the knowledge
 * base is reopened.
 */
class IngestKillTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondProcessOnTheSameFolderGetsTheInUseErrorAndCorruptsNothing() throws Exception {
        Path kb = tmp.resolve("kb");
        try (var holder = EmbeddedBackend.open(kb)) {
            holder.ingest().ingestText(app.alex.core.ingest.TextIngestRequest.of("Held by the first process.", null, null));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process second = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), AlexCommand.class.getName(), "--data-dir", kb.toString(),
                    "docs", "list").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(CliErrors.IN_USE);
            assertThat(err).contains("in use by another process");
            assertThat(holder.library().stats().documents()).isEqualTo(1);
        }
    }

    @Test
    void everyFileReportedStoredSurvivesAKillDashNineMidIngest() throws Exception {
        Path docs = tmp.resolve("docs");
        Files.createDirectories(docs);
        for (int i = 0; i < 40; i++) {
            Files.writeString(docs.resolve("filing-%02d.txt".formatted(i)),
                    ("Filing %d discusses segment revenue, margins and guidance for the coming quarter. ".formatted(i))
                            .repeat(60));
        }
        Path kb = tmp.resolve("kb");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                AlexCommand.class.getName(), "--data-dir", kb.toString(), "ingest", "--no-progress", docs.toString());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();

        var reportedStored = new ArrayList<String>();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("created")) {
                    reportedStored.add(line.split("\\s+")[1]);
                    if (reportedStored.size() == 5) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close
                        break;
                    }
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(reportedStored).as("the child reported five stored files before it was killed").hasSize(5);

        try (var reopened = EmbeddedBackend.open(kb)) {
            var sources = reopened.library().list(DocumentQuery.firstPage(100)).documents().stream()
                    .map(d -> d.source()).toList();
            assertThat(sources).containsAll(reportedStored);
            assertThat(sources.size()).isLessThan(40);
            var hits = reopened.search().search(app.alex.core.search.SearchRequest.of("segment revenue guidance", 5));
            assertThat(hits.results()).isNotEmpty();
        }
    }
}
