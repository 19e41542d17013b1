package app.alex.research.feed;

import app.alex.core.research.Citation;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.testing.TestKnowledgeBases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyReportFilesTest {
    @TempDir
    Path dir;

    /** Exactly what the old one-file-per-report feed wrote. */
    private static final String OLD_REPORT = """
            {
              "id" : "research-20261101-090000-0a1b2c3d",
              "topic" : "Copper demand",
              "title" : "Extractive brief: Copper demand",
              "markdown" : "# Extractive brief: Copper demand\\n\\nCopper demand rose 8 percent [1].\\n",
              "citations" : [ {
                "number" : 1,
                "kind" : "PASSAGE",
                "documentId" : "copper-note",
                "chunkIndex" : 2,
                "title" : "Copper note",
                "source" : "copper.txt",
                "quote" : "Copper demand rose 8 percent."
              } ],
              "createdAt" : "2026-11-01T09:00:00Z",
              "model" : "extractive",
              "extractive" : true,
              "trigger" : "SCHEDULED",
              "tickers" : [ ],
              "read" : true
            }
            """;

    @Test
    void reportsFromTheOldFeedFolderMoveIntoTheKnowledgeBaseOnceAndTheirFilesAreKept() throws Exception {
        Files.writeString(dir.resolve("research-20261101-090000-0a1b2c3d.json"), OLD_REPORT);
        Files.writeString(dir.resolve(".schedule.json"), "{\"lastRun\": \"2026-11-28T08:00:00Z\"}");
        Files.writeString(dir.resolve("damaged.json"), "{ truncated");
        var kb = TestKnowledgeBases.inMemory();
        var store = new KnowledgeBaseReportStore(kb);

        assertThat(LegacyReportFiles.importInto(dir, store)).containsExactly("research-20261101-090000-0a1b2c3d");
        assertThat(LegacyReportFiles.importInto(dir, store)).as("a second open imports nothing").isEmpty();

        ResearchReport report = store.get("research-20261101-090000-0a1b2c3d").orElseThrow();
        assertThat(report.createdAt()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(report.trigger()).isEqualTo(ResearchReport.Trigger.SCHEDULED);
        assertThat(report.read()).isTrue();
        assertThat(report.citations()).containsExactly(new Citation(1, Citation.Kind.PASSAGE, "copper-note", 2, 0,
                "Copper note", "copper.txt", "Copper demand rose 8 percent."));
        assertThat(store.page(FeedQuery.latest(10)).reports()).hasSize(1);
        assertThat(dir.resolve(LegacyReportFiles.IMPORTED).resolve("research-20261101-090000-0a1b2c3d.json")).exists();
        assertThat(dir.resolve("damaged.json")).as("unreadable files stay where they are").exists();
        assertThat(dir.resolve(".schedule.json")).exists();
    }
}
