package app.alex.research;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentType;
import app.alex.core.index.DocumentQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.search.SearchFilter;
import app.alex.core.testing.MutableClock;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.TestEdgar;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.web.GuardedWebFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled research on a watchlist ticker imports the company's new filings first and says so,
 * against EDGAR's real answers on loopback. The loopback server has Apple's 10-K of 2024-11-01 and
 * 10-Q of 2025-08-01 and Tesla's 10-K of 2025-01-30 and 10-Q of 2025-07-24 (no other documents):
 * the clocks and look-backs below select those.
 */
class ScheduledFilingsTest {
    private final LoopbackEdgar server = LoopbackEdgar.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private ResearchService service(KnowledgeBase kb, MutableClock clock, List<String> watchlist, Duration firstLookBack) {
        var edgar = new EdgarResearch(TestEdgar.edgar(server, new FakeTime()), firstLookBack);
        return new ResearchService(kb, Optional.empty(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(kb), () -> watchlist, ResearchAgent.Limits.standard(), clock, Optional.of(edgar));
    }

    private static List<String> filingTitles(KnowledgeBase kb) {
        return kb.documents(new DocumentQuery(new SearchFilter(EnumSet.of(DocumentType.DOCUMENT), Set.of(), null, null, null),
                null, 100, null)).documents().stream().map(d -> d.title()).toList();
    }

    @Test
    void aWatchedTickersNewFilingIsImportedBeforeTheReportAndTheReportSaysItArrived() {
        var clock = new MutableClock(Instant.parse("2025-08-02T08:00:00Z"));
        KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
        var service = service(kb, clock, List.of("AAPL iPhone net sales"), Duration.ofDays(1));

        ResearchReport report = service.researchAuto(s -> { });

        assertThat(filingTitles(kb)).containsExactly("Apple Inc. 10-Q Q3 FY2025");
        assertThat(report.trigger()).isEqualTo(ResearchReport.Trigger.SCHEDULED);
        String md = report.markdown();
        assertThat(md).contains("## New filings\n\nNew filings: Apple Inc. 10-Q Q3 FY2025, filed 2025-08-01 (10-K, 10-Q, 8-K of AAPL "
                        + "on SEC EDGAR filed from 2025-08-01 to 2025-08-02, imported into the knowledge base before this report was written).")
                .doesNotContain("Not imported")
                .doesNotContain("## Figures");
        assertThat(md.indexOf("## New filings")).as("before the Sources in %s", md).isPositive();
        assertThat(md.indexOf("## New filings")).as("before the Sources, which stay last").isLessThan(md.indexOf("## Sources"));
        assertThat(report.citations()).as("the brief quotes the filing that just arrived")
                .anySatisfy(c -> assertThat(c.title()).isEqualTo("Apple Inc. 10-Q Q3 FY2025"));
        assertThat(server.requestsFor("/api/xbrl/companyfacts/CIK0000320193.json"))
                .as("Apple's company facts are asked for; their 404 only leaves the figures out").isEqualTo(1);

        // The next run looks from the day of this one: nothing new, nothing downloaded again.
        clock.advance(Duration.ofHours(2));
        ResearchReport next = service.researchAuto(s -> { });

        assertThat(next.markdown()).contains("New filings: none (10-K, 10-Q, 8-K of AAPL on SEC EDGAR filed from 2025-08-02 to 2025-08-02).");
        assertThat(server.requestsFor(LoopbackEdgar.APPLE_10Q)).isEqualTo(1);
    }

    @Test
    void aFilingThatFailsIsSaidInTheReportAndTheOthersAreStillImported() {
        var clock = new MutableClock(Instant.parse("2025-01-31T08:00:00Z"));
        KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
        // Since 2025-01-29: Tesla's 8-K of that day (not on loopback: 404) and its 10-K of 2025-01-30.
        var service = service(kb, clock, List.of("Tesla TSLA"), Duration.ofDays(2));

        ResearchReport report = service.researchAuto(s -> { });

        assertThat(filingTitles(kb)).containsExactly("Tesla, Inc. 10-K FY2024");
        assertThat(report.markdown()).contains("New filings: Tesla, Inc. 10-K FY2024, filed 2025-01-30 (")
                .contains("Not imported: Tesla, Inc. 8-K 2025-01-29, filed 2025-01-29 (EDGAR has no primary document of 8-K filing "
                        + "0001628280-25-002993 at " + server.url() + "/Archives/edgar/data/1318605/000162828025002993/tsla-20250129.htm.)");
    }

    @Test
    void edgarBeingDownIsSaidInTheReportAndTheRunStillHappens() {
        var clock = new MutableClock(Instant.parse("2025-08-02T08:00:00Z"));
        KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
        var service = service(kb, clock, List.of("AAPL"), Duration.ofDays(1));
        server.close();

        ResearchReport report = service.researchAuto(s -> { });

        assertThat(report.markdown()).contains("New filings: none")
                .contains("Not imported: could not check AAPL's filings on SEC EDGAR (Cannot reach EDGAR at 127.0.0.1");
        assertThat(service.feed(app.alex.core.research.FeedQuery.latest(10)).reports()).hasSize(1);
    }

    @Test
    void manualResearchAndTopicsWithoutATickerImportNothing() {
        var clock = new MutableClock(Instant.parse("2025-08-02T08:00:00Z"));
        KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
        var service = service(kb, clock, List.of("Copper demand"), Duration.ofDays(1));

        ResearchReport manual = service.research("AAPL", s -> { });
        ResearchReport scheduled = service.researchAuto(s -> { });

        assertThat(manual.markdown()).doesNotContain("New filings");
        assertThat(scheduled.topic()).isEqualTo("Copper demand");
        assertThat(scheduled.markdown()).doesNotContain("New filings");
        assertThat(server.requests()).noneMatch(r -> r.path().startsWith("/submissions/"));
        assertThat(filingTitles(kb)).isEmpty();
    }

    @Test
    void withAModelTheAgentIsToldWhatArrivedAndTheReportListsIt() {
        var clock = new MutableClock(Instant.parse("2025-08-02T08:00:00Z"));
        KnowledgeBase kb = TestKnowledgeBases.inMemory(clock);
        var requests = new java.util.ArrayList<app.alex.core.llm.ChatRequest>();
        app.alex.core.llm.LanguageModel model = new app.alex.core.llm.LanguageModel() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public app.alex.core.llm.ChatResponse chat(app.alex.core.llm.ChatRequest request) {
                requests.add(request);
                return new app.alex.core.llm.ChatResponse("# Apple\n\nA new quarterly report arrived.", List.of(), 100, 50,
                        app.alex.core.llm.ChatResponse.StopReason.END);
            }
        };
        var edgar = new EdgarResearch(TestEdgar.edgar(server, new FakeTime()), Duration.ofDays(1));
        var service = new ResearchService(kb, Optional.of(model), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(kb), () -> List.of("AAPL"), ResearchAgent.Limits.standard(), clock, Optional.of(edgar));

        ResearchReport report = service.researchAuto(s -> { });

        var user = (app.alex.core.llm.ChatMessage.User) requests.getFirst().messages().get(1);
        assertThat(user.text()).startsWith("Research topic: AAPL\n\nBefore this run Alex checked SEC EDGAR")
                .contains("New filings: Apple Inc. 10-Q Q3 FY2025, filed 2025-08-01");
        assertThat(requests.getFirst().tools()).extracting(t -> t.name()).contains("company_financials");
        assertThat(report.markdown()).startsWith("# Apple\n\nA new quarterly report arrived.\n\n## New filings\n\n"
                + "New filings: Apple Inc. 10-Q Q3 FY2025, filed 2025-08-01");
    }
}
