package app.alex.research.feed;

import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.Citation;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.testing.MutableClock;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.web.GuardedWebFetcher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeBaseReportStoreTest {

    @Test
    void reportsStoredInTheKnowledgeBaseComeBackWholeNewestFirst() {
        var clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
        var kb = TestKnowledgeBases.inMemory(clock);
        String filler = " The quarter also saw steady demand from enterprise customers and stable pricing.".repeat(30);
        kb.ingest(TextIngestRequest.of("Copper demand rose 8 percent on grid investment." + filler, "Copper note", "copper.txt"));
        kb.ingest(TextIngestRequest.of("NVDA data center revenue grew 112 percent." + filler, "NVDA 10-Q", "nvda.txt"));
        var store = new KnowledgeBaseReportStore(kb);
        var service = new ResearchService(kb, Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                store, List::of, ResearchAgent.Limits.standard(), clock);

        ResearchReport copper = service.research("Copper demand", s -> { });
        clock.advance(Duration.ofHours(2));
        ResearchReport nvda = service.research("NVDA data center revenue", s -> { });

        var page = store.page(FeedQuery.latest(10));
        assertThat(page.reports()).extracting(ResearchReport::id).containsExactly(nvda.id(), copper.id());
        assertThat(store.page(new FeedQuery("nvda", false, null, 10)).reports()).extracting(ResearchReport::id)
                .containsExactly(nvda.id());

        assertThat(kb.chunks(nvda.id())).as("rebuilt from overlapping passages").hasSizeGreaterThan(1);
        ResearchReport back = store.get(nvda.id()).orElseThrow();
        assertThat(back.markdown()).isEqualTo(nvda.markdown());
        assertThat(back.topic()).isEqualTo("NVDA data center revenue");
        assertThat(back.tickers()).containsExactly("NVDA");
        assertThat(back.citations()).extracting(Citation::number, Citation::title, Citation::source)
                .containsExactlyElementsOf(nvda.citations().stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.number(), c.title(), c.source())).toList());
        assertThat(store.get("research-missing")).isEmpty();
        assertThat(store.markRead(nvda.id(), true)).isTrue();
    }
}
