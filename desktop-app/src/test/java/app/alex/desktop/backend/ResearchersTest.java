package app.alex.desktop.backend;

import app.alex.desktop.config.Settings;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResearchersTest {
    @TempDir
    Path data;

    @Test
    void theWorkbenchReopensAFolderWhoseScheduleHasRun() {
        var settings = new Settings(new Settings.Backend(Settings.Mode.EMBEDDED, data.toString(), "", "", ""),
                Settings.LanguageModel.DEFAULT, new Settings.Schedule(true, 2, List.of("Copper")), Settings.Theme.LIGHT);
        var first = (ScheduledResearcher) Researchers.create(settings, new InMemoryKnowledgeBase());
        first.runNow();
        first.close();

        var second = (ScheduledResearcher) Researchers.create(settings, new InMemoryKnowledgeBase());

        assertThat(second.feed(app.alex.core.research.FeedQuery.latest(5)).reports()).hasSize(1);
        assertThat(second.schedule()).get().satisfies(s -> assertThat(s.lastRun()).isNotNull());
        second.close();
    }
}
