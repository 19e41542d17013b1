package app.alex.research;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.index.DocumentQuery;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.search.SearchFilter;
import app.alex.core.testing.MutableClock;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.llm.ModelSettings;
import app.alex.research.web.GuardedWebFetcher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResearchServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));

    private ResearchService service(KnowledgeBase kb, List<String> watchlist) {
        return new ResearchService(kb, Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(kb), () -> watchlist, ResearchAgent.Limits.standard(), clock);
    }

    @Test
    void aReportGoesToTheFeedAndIntoTheKnowledgeBaseAsResearch() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
        kb.ingest(TextIngestRequest.of("NVDA data center revenue grew 112 percent to 30.8 billion dollars.", "NVDA 10-Q", "q.txt"));
        List<ResearchStep> steps = new ArrayList<>();

        ResearchReport report = service(kb, List.of()).research("NVDA data center revenue", steps::add);

        assertThat(report.extractive()).isTrue();
        assertThat(report.model()).isEqualTo("extractive");
        assertThat(report.tickers()).containsExactly("NVDA");
        assertThat(report.trigger()).isEqualTo(ResearchReport.Trigger.MANUAL);
        assertThat(report.citations()).isNotEmpty();
        assertThat(steps.getLast().kind()).isEqualTo(ResearchStep.Kind.DONE);
        var stored = kb.document(report.id());
        assertThat(stored.type()).isEqualTo(DocumentType.RESEARCH);
        assertThat(stored.tags()).containsExactly("NVDA");
        assertThat(stored.attributes()).containsEntry("topic", "NVDA data center revenue");
        assertThat(kb.documents(new DocumentQuery(new SearchFilter(EnumSet.of(DocumentType.RESEARCH), Set.of(), null, null, null),
                null, 10, null)).documents()).hasSize(1);
        assertThat(stored.attributes()).containsKey(KnowledgeBaseReportStore.REPORT_ATTRIBUTE);
        assertThat(new KnowledgeBaseReportStore(kb).get(report.id())).contains(report);
    }

    @Test
    void scheduledResearchRotatesThroughTheWatchlist() {
        var service = service(TestKnowledgeBases.inMemory(clock), List.of("Copper", "Rates"));
        var first = service.researchAuto(s -> { });
        clock.advance(Duration.ofHours(2));
        var second = service.researchAuto(s -> { });
        assertThat(List.of(first.topic(), second.topic())).containsExactly("Copper", "Rates");
        assertThat(first.trigger()).isEqualTo(ResearchReport.Trigger.SCHEDULED);
        assertThat(service.feed(FeedQuery.latest(10)).reports()).extracting(ResearchReport::topic).containsExactly("Rates", "Copper");
    }

    @Test
    void theSameScheduleSlotTwiceGivesTheSameReportAndNotASecondRun() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
        var service = service(kb, List.of("Copper", "Rates"));

        var first = service.researchAuto("2026-11-28T08:00:00Z", s -> { });
        clock.advance(Duration.ofMinutes(11));
        List<ResearchStep> steps = new ArrayList<>();
        var again = service.researchAuto("2026-11-28T08:00:00Z", steps::add);

        assertThat(again).isEqualTo(first);
        assertThat(steps).singleElement().satisfies(s -> assertThat(s.message()).contains("Already researched"));
        assertThat(service.feed(FeedQuery.latest(10)).reports()).hasSize(1);
        assertThat(kb.documents(new DocumentQuery(new SearchFilter(EnumSet.of(DocumentType.RESEARCH), Set.of(), null, null, null),
                null, 10, null)).documents()).hasSize(1);

        var next = service.researchAuto("2026-11-28T10:00:00Z", s -> { });
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(List.of(first.topic(), next.topic())).containsExactly("Copper", "Rates");
    }

    @Test
    void aSecondCallForASlotStillBeingResearchedWaitsForThatRunInsteadOfStartingAnother() throws Exception {
        var inside = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        app.alex.core.llm.LanguageModel slowModel = new app.alex.core.llm.LanguageModel() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public app.alex.core.llm.ChatResponse chat(app.alex.core.llm.ChatRequest request) {
                calls.incrementAndGet();
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new app.alex.core.llm.ChatResponse("# Copper\n\nDemand is up.", List.of(), 100, 50,
                        app.alex.core.llm.ChatResponse.StopReason.END);
            }
        };
        var kb = TestKnowledgeBases.inMemory(clock);
        var service = new ResearchService(kb, Optional.of(slowModel),
                new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()), new KnowledgeBaseReportStore(kb), () -> List.of("Copper"),
                ResearchAgent.Limits.standard(), clock);
        var results = new java.util.concurrent.ConcurrentLinkedQueue<ResearchReport>();

        Thread first = Thread.ofVirtual().start(() -> results.add(service.researchAuto("2026-11-28T08:00:00Z", s -> { })));
        inside.await();
        Thread second = Thread.ofPlatform().start(() -> results.add(service.researchAuto("2026-11-28T08:00:00Z", s -> { })));
        while (second.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // until the second call is parked on the first run's result
        }
        release.countDown();
        first.join();
        second.join();

        assertThat(calls).as("one run of the model for the slot").hasValue(1);
        assertThat(results).hasSize(2).extracting(ResearchReport::id).containsOnly("research-20261128-080000-slot");
    }

    @Test
    void aSlotThatIsNotATimeIsRefusedAndNoSlotMeansAFreshRun() {
        var service = service(TestKnowledgeBases.inMemory(clock), List.of("Copper"));

        assertThatThrownBy(() -> service.researchAuto("yesterday", s -> { }))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(app.alex.core.error.ErrorCode.BAD_REQUEST))
                .hasMessageContaining("ISO-8601");
        var one = service.researchAuto((String) null, s -> { });
        clock.advance(Duration.ofSeconds(1));
        var two = service.researchAuto(" ", s -> { });
        assertThat(two.id()).isNotEqualTo(one.id());
    }

    @Test
    void readStateAndMissingReportsAreHandled() {
        var service = service(TestKnowledgeBases.inMemory(clock), List.of());
        var report = service.research("anything", s -> { });
        service.markRead(report.id(), true);
        assertThat(service.report(report.id()).read()).isTrue();
        assertThatThrownBy(() -> service.report("nope")).isInstanceOf(AlexException.class).hasMessageContaining("no research report");
        assertThatThrownBy(() -> service.research("  ", s -> { })).hasMessageContaining("topic is empty");
    }

    @Test
    void modelSettingsComeFromTheEnvironmentAndNeverShowTheKey() {
        var settings = ModelSettings.fromEnvironment(Map.of("ALEX_LLM", "openai", "ALEX_OPENAI_BASE_URL",
                "http://localhost:11434/v1", "ALEX_OPENAI_MODEL", "llama3.1:8b", "ALEX_OPENAI_API_KEY", "sk-secret"));
        assertThat(settings.toString()).contains("llama3.1:8b").doesNotContain("sk-secret");
        assertThat(settings.open()).isPresent();
        assertThat(ModelSettings.fromEnvironment(Map.of()).open()).isEmpty();
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("ALEX_LLM", "gpt5"))).hasMessageContaining("none, openai or bedrock");
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("ALEX_LLM", "openai")).open()).hasMessageContaining("ALEX_OPENAI_BASE_URL");
    }
}
