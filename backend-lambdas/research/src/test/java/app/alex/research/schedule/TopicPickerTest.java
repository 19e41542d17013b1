package app.alex.research.schedule;

import app.alex.core.research.ResearchReport;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.feed.KnowledgeBaseReportStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicPickerTest {
    private static ResearchReport researched(String topic, String at) {
        return new ResearchReport("r-" + Math.abs(topic.hashCode()), topic, topic, "# " + topic, List.of(),
                Instant.parse(at), "extractive", true, ResearchReport.Trigger.SCHEDULED, List.of(), false);
    }

    @Test
    void rotatesThroughTheWatchlistSkippingWhatWasJustResearched() {
        var store = new KnowledgeBaseReportStore(TestKnowledgeBases.inMemory());
        var picker = new TopicPicker(store);
        var watchlist = List.of("NVDA", "Copper", "Rates");

        assertThat(picker.next(watchlist)).isEqualTo("NVDA");
        store.save(researched("NVDA", "2026-11-28T08:00:00Z"));
        assertThat(picker.next(watchlist)).isEqualTo("Copper");
        store.save(researched("Copper", "2026-11-28T10:00:00Z"));
        store.save(researched("Rates", "2026-11-28T12:00:00Z"));
        assertThat(picker.next(watchlist)).as("all done: the oldest comes round again").isEqualTo("NVDA");
    }

    @Test
    void withoutAWatchlistItUsesMarketThemes() {
        var picker = new TopicPicker(new KnowledgeBaseReportStore(TestKnowledgeBases.inMemory()));
        assertThat(picker.next(List.of())).isEqualTo(TopicPicker.DEFAULT_THEMES.getFirst());
        assertThat(picker.next(null)).isIn(TopicPicker.DEFAULT_THEMES);
    }
}
