package app.alex.desktop.backend;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.client.RemoteKnowledgeBase;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.desktop.config.Settings;
import app.alex.embedded.EmbeddedBackend;
import app.alex.research.feed.KnowledgeBaseReportStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResearchersTest {
    @TempDir
    Path temp;

    /** Settings in {@code config}, and a default data folder that no test should reach (every test names its own). */
    private DesktopEnvironment configIn(Path config) {
        return new DesktopEnvironment(Map.of("ALEX_CONFIG_DIR", config.toString(), "ALEX_DATA_DIR",
                temp.resolve("default-data-not-used").toString()));
    }

    @Test
    void researchUsesEdgarOnlyWhenSettingsNameWhoIsAsking() {
        var environment = new DesktopEnvironment(Map.of());
        assertThat(Researchers.edgar(Settings.defaults(), environment)).as("no User-Agent: research never contacts EDGAR").isEmpty();
        assertThat(Researchers.edgar(Settings.defaults().withEdgar(new Settings.Edgar("Jane Doe jane@example.com")), environment))
                .isPresent();
    }

    @Test
    void theWorkbenchReopensAFolderWhoseScheduleHasRun() {
        Path data = temp.resolve("data");
        var settings = new Settings(new Settings.Backend(Settings.Mode.EMBEDDED, data.toString(), "", "", ""),
                Settings.LanguageModel.DEFAULT, new Settings.Schedule(true, 2, List.of("Copper")), Settings.Theme.LIGHT);
        try (var backend = EmbeddedBackend.open(data)) {
            var first = (ScheduledResearcher) Researchers.create(settings, backend.knowledgeBase(), configIn(temp.resolve("config")));
            first.runNow();
            first.close();
        }

        try (var backend = EmbeddedBackend.open(data)) {
            var second = (ScheduledResearcher) Researchers.create(settings, backend.knowledgeBase(), configIn(temp.resolve("config")));
            assertThat(second.feed(FeedQuery.latest(5)).reports()).hasSize(1);
            assertThat(second.schedule()).get().satisfies(s -> assertThat(s.lastRun()).isNotNull());
            second.close();
        }
        assertThat(data.resolve("research").resolve(".schedule.json")).exists();
    }

    @Test
    void inRemoteModeTheFeedAndItsReadStateAreTheServersAndNothingIsWrittenBesideTheLocalDataFolder() throws Exception {
        Path local = temp.resolve("local-data");
        Path config = temp.resolve("config");
        try (var serverSide = EmbeddedBackend.open(temp.resolve("server-data"));
             var server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(serverSide.knowledgeBase(), ApiKeys.parse("k")), null)) {
            serverSide.knowledgeBase().ingest(TextIngestRequest.of("Copper demand from grid investment rose 8 percent this year.",
                    "Copper note", "copper.txt"));
            var settings = new Settings(new Settings.Backend(Settings.Mode.REMOTE, local.toString(), server.uri().toString(), "k", ""),
                    Settings.LanguageModel.DEFAULT, new Settings.Schedule(false, 2, List.of()), Settings.Theme.LIGHT);

            ResearchReport report;
            try (var researcher = Researchers.create(settings, new RemoteKnowledgeBase(server.uri(), "k", Duration.ofSeconds(20)), configIn(config))) {
                report = researcher.research("Copper demand", s -> { });
                researcher.markRead(report.id(), true);
            }

            var onTheServer = new KnowledgeBaseReportStore(serverSide.knowledgeBase()).get(report.id()).orElseThrow();
            assertThat(onTheServer.read()).isTrue();
            assertThat(onTheServer.citations()).isEqualTo(report.citations());
            try (var reconnected = Researchers.create(settings, new RemoteKnowledgeBase(server.uri(), "k", Duration.ofSeconds(20)), configIn(config))) {
                var feed = reconnected.feed(FeedQuery.latest(10));
                assertThat(feed.reports()).extracting(ResearchReport::id).containsExactly(report.id());
                assertThat(feed.unread()).isZero();
            }
        }
        assertThat(local).as("the local data folder is not touched in Remote mode").doesNotExist();
        assertThat(Files.exists(local.resolveSibling("alex-remote-research"))).isFalse();
        assertThat(config.resolve("schedules").resolve("127.0.0.1.json")).exists();
    }
}
