package app.alex.research.brief;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentType;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.Citation;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.TestEdgar;
import app.alex.research.edgar.EdgarResearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The extractive brief's "Figures" part, from EDGAR's real answers on loopback. */
class ExtractiveBriefFiguresTest {
    private final LoopbackEdgar server = LoopbackEdgar.start();
    private final Optional<EdgarResearch> edgar = Optional.of(new EdgarResearch(TestEdgar.edgar(server, new FakeTime())));

    @AfterEach
    void stop() {
        server.close();
    }

    private static void add(KnowledgeBase kb, String title, String text) {
        kb.ingest(TextIngestRequest.of(text, title, title.toLowerCase().replace(' ', '-') + ".txt"));
    }

    @Test
    void aTickerEdgarKnowsGetsItsLatestYearsRevenueAndNetIncomeCitedToTheFiling() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        add(kb, "Snowflake call notes", "Snowflake SNOW product revenue grew as customers moved data warehouses to the cloud. "
                + "Management guided SNOW product revenue growth of about 24 percent next year.");

        var brief = new ExtractiveBrief(kb, edgar).write("SNOW product revenue", s -> { });

        String md = brief.report().markdown();
        String filing = server.url() + "/Archives/edgar/data/1640147/000164014725000052/";
        assertThat(md).contains("> **Extractive brief.**")
                .contains("and the company's reported figures from its filings on SEC EDGAR, each with its filing.")
                .contains("## Figures\n\nSnowflake Inc. (SNOW), fiscal years, as reported in its filings' XBRL data on SEC EDGAR")
                .contains("- **Revenue FY2025:** $3,626.4 million (FY2024: $2,806.5 million; change +$819.9 million, +29.2%) [2]")
                .contains("- **Net income FY2025:** -$1,285.6 million (FY2024: -$836.1 million; change -$449.5 million, -53.8%) [2]")
                .contains("## Key points")
                .contains("2. [Snowflake Inc. 10-K filed 2025-03-21 (accession 0001640147-25-000052)](" + filing + ") (SEC EDGAR filing)");
        assertThat(md.indexOf("## Figures")).isLessThan(md.indexOf("## Key points")).isGreaterThan(md.indexOf("## Summary"));
        // Numbered in order of first use: the summary's quote comes first.
        Citation figures = brief.report().citations().get(1);
        assertThat(figures.kind()).isEqualTo(Citation.Kind.WEB);
        assertThat(figures.source()).isEqualTo(filing);
        assertThat(figures.quote()).contains("Revenue FY2025 (2024-02-01 to 2025-01-31): $3,626.4 million (3626396000 USD")
                .contains("Net income FY2024").contains("-836097000 USD");
        assertThat(brief.report().citations()).extracting(Citation::title).contains("Snowflake call notes");
    }

    @Test
    void anEmptyKnowledgeBaseStillGetsTheFiguresAndSaysItHoldsNothing() {
        var brief = new ExtractiveBrief(TestKnowledgeBases.inMemory(), edgar).write("SNOW", s -> { });

        assertThat(brief.report().markdown()).contains("The knowledge base has nothing on \"SNOW\" yet")
                .contains("- **Revenue FY2025:** $3,626.4 million");
        assertThat(brief.report().citations()).singleElement().satisfies(c -> assertThat(c.title()).contains("10-K filed 2025-03-21"));
    }

    @Test
    void withoutCompanyFactsAt404TheBriefIsWrittenWithoutFigures() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        add(kb, "Tesla deliveries", "Tesla TSLA deliveries fell in the quarter as TSLA buyers waited for the refreshed Model Y.");

        var brief = new ExtractiveBrief(kb, edgar).write("TSLA deliveries", s -> { });

        assertThat(brief.report().markdown()).doesNotContain("## Figures").contains("## Key points")
                .contains("quotes the most relevant passages of your knowledge base, each with its source.");
        assertThat(brief.report().citations()).extracting(Citation::title).containsExactly("Tesla deliveries");
        assertThat(server.requestsFor("/api/xbrl/companyfacts/CIK0001318605.json")).isEqualTo(1);
    }

    @Test
    void aTickerMissingFromEdgarsListIsFoundThroughAFilingInTheKnowledgeBase() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        // A filing imported earlier, tagged with a ticker EDGAR's list does not have (say, an old one), and its CIK.
        kb.ingest(new TextIngestRequest("snowflake-10k", "Snowflake product revenue and remaining performance obligations grew.",
                "Snowflake Inc. 10-K FY2025", "https://www.sec.gov/Archives/edgar/data/1640147/000164014725000052/snow-20250131.htm",
                DocumentType.DOCUMENT, List.of("SNOWX", "10-K"), Instant.parse("2025-03-21T00:00:00Z"), "text/html",
                Map.of("cik", "0001640147", "company", "Snowflake Inc.")));

        var brief = new ExtractiveBrief(kb, edgar).write("SNOWX revenue", s -> { });

        assertThat(brief.report().markdown()).contains("Snowflake Inc. (SNOWX), fiscal years")
                .contains("- **Revenue FY2025:** $3,626.4 million");
    }

    @Test
    void withoutEdgarNothingIsAskedOfIt() {
        var brief = new ExtractiveBrief(TestKnowledgeBases.inMemory(), Optional.empty()).write("SNOW", s -> { });

        assertThat(brief.report().markdown()).doesNotContain("## Figures");
        assertThat(server.requests()).isEmpty();
    }
}
