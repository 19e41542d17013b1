package app.alex.embedded;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.WordTokenizer;
import app.alex.research.feed.ReportStoreContract;
import app.alex.research.llm.ModelSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed kept in the real Lucene index on disk; "restart" closes the folder and opens it again. */
class EmbeddedReportStoreTest extends ReportStoreContract {
    @TempDir
    Path dir;
    private EmbeddedBackend backend;

    private EmbeddedBackend openFolder() {
        return EmbeddedBackend.open(dir.resolve("kb"), new HashingEmbedder(), WordTokenizer::new);
    }

    @Override
    protected KnowledgeBase newKnowledgeBase() {
        backend = openFolder();
        return backend.knowledgeBase();
    }

    @Override
    protected KnowledgeBase reopen(KnowledgeBase knowledgeBase) {
        backend.close();
        backend = openFolder();
        return backend.knowledgeBase();
    }

    @Override
    protected void closeKnowledgeBase() {
        backend.close();
    }

    @Test
    void researchReadInTheFeedIsStillReadAfterTheFolderIsOpenedAgainAndNoReportFilesAreWritten() {
        kb.ingest(app.alex.core.ingest.TextIngestRequest.of("Copper demand rose 8 percent on grid investment.", "Copper note",
                "copper.txt"));
        ResearchReport report;
        try (var researcher = EmbeddedResearch.open(backend, ModelSettings.NONE, List::of)) {
            report = researcher.research("Copper demand", s -> { });
            researcher.markRead(report.id(), true);
        }
        kb = reopen(kb);

        try (var researcher = EmbeddedResearch.open(backend, ModelSettings.NONE, List::of)) {
            var feed = researcher.feed(FeedQuery.latest(10));
            assertThat(feed.reports()).extracting(ResearchReport::id).containsExactly(report.id());
            assertThat(feed.reports().getFirst().read()).isTrue();
            assertThat(feed.unread()).isZero();
            assertThat(researcher.report(report.id()).citations()).isEqualTo(report.citations());
        }
        Path research = backend.folder().researchDir();
        assertThat(!Files.exists(research) || noJsonIn(research)).as("the feed lives in the index, not in files").isTrue();
    }

    private static boolean noJsonIn(Path folder) {
        try (var files = Files.list(folder)) {
            return files.noneMatch(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith("."));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
