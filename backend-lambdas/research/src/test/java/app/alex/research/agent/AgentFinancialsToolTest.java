package app.alex.research.agent;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.llm.ChatMessage;
import app.alex.core.llm.ChatResponse;
import app.alex.core.llm.ToolCall;
import app.alex.core.llm.ToolSpec;
import app.alex.core.research.Citation;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.TestEdgar;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.edgar.FinancialsTool;
import app.alex.research.web.GuardedWebFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's company_financials tool against EDGAR's real answers on loopback (Snowflake's company facts). */
class AgentFinancialsToolTest {
    private static final Pattern SOURCE_NUMBER = Pattern.compile("<untrusted_source n=\"(\\d+)\" kind=\"filing\"");
    private final LoopbackEdgar server = LoopbackEdgar.start();
    private final KnowledgeBase kb = TestKnowledgeBases.inMemory();

    @AfterEach
    void stop() {
        server.close();
    }

    private ResearchAgent agent(ScriptedModel model, boolean withEdgar) {
        Optional<EdgarResearch> edgar = withEdgar ? Optional.of(new EdgarResearch(TestEdgar.edgar(server, new FakeTime())))
                : Optional.empty();
        return new ResearchAgent(model, kb, new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                ResearchAgent.Limits.standard(), Clock.systemUTC(), edgar);
    }

    private static ChatResponse save(String markdown) {
        String json = "{\"title\":\"Snowflake\",\"markdown\":\"" + markdown.replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
        return new ChatResponse("", List.of(new ToolCall("save", "save_research", json)), 100, 50, ChatResponse.StopReason.TOOL_USE);
    }

    @Test
    void figuresComeFromTheFilingsAsNumberedSourcesAndTheReportCitesThem() {
        var toolResult = new AtomicReference<ChatMessage.ToolResult>();
        var model = new ScriptedModel()
                .call("company_financials", "{\"ticker\":\"SNOW\",\"metric\":\"revenue\",\"period\":\"annual\",\"periods\":2}")
                .turn(request -> {
                    var result = (ChatMessage.ToolResult) request.messages().getLast();
                    toolResult.set(result);
                    var m = SOURCE_NUMBER.matcher(result.content());
                    assertThat(m.find()).as("a numbered filing source in %s", result.content()).isTrue();
                    return save("## Summary\nSnowflake's revenue grew to $3,626.4 million in FY2025 from $2,806.5 million [" + m.group(1)
                            + "]. Analysts expect more [9].\n\n## Sources\n1. made up by the model");
                });

        var draft = agent(model, true).run("Snowflake SNOW revenue", s -> { });

        assertThat(model.requests.getFirst().tools()).extracting(ToolSpec::name).contains(FinancialsTool.NAME);
        assertThat(((ChatMessage.System) model.requests.getFirst().messages().getFirst()).text()).contains("company_financials");
        ChatMessage.ToolResult result = toolResult.get();
        assertThat(result.error()).isFalse();
        String filingUrl = server.url() + "/Archives/edgar/data/1640147/000164014725000052/";
        assertThat(result.content())
                .contains("Revenue (fiscal years) of Snowflake Inc. (SNOW, CIK 0001640147)")
                .contains("title=\"Snowflake Inc. 10-K filed 2025-03-21 (accession 0001640147-25-000052)\"")
                .contains("source=\"" + filingUrl + "\"")
                .contains("Revenue FY2025 (2024-02-01 to 2025-01-31): $3,626.4 million (3626396000 USD, "
                        + "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax)")
                .contains("Revenue FY2024 (2023-02-01 to 2024-01-31): $2,806.5 million")
                .doesNotContain("FY2023")
                .endsWith("</untrusted_source>\n");

        assertThat(draft.report().citations()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Citation.Kind.WEB);
            assertThat(c.source()).isEqualTo(filingUrl);
            assertThat(c.title()).isEqualTo("Snowflake Inc. 10-K filed 2025-03-21 (accession 0001640147-25-000052)");
            assertThat(c.quote()).contains("$3,626.4 million").contains("$2,806.5 million");
        });
        assertThat(draft.report().markdown())
                .contains("from $2,806.5 million [1].").doesNotContain("[9]").doesNotContain("made up")
                .contains("## Sources\n\n1. [Snowflake Inc. 10-K filed 2025-03-21 (accession 0001640147-25-000052)](" + filingUrl
                        + ") (SEC EDGAR filing)");
    }

    @Test
    void quartersCiteTheirOwn10QsAndMistakesAreAnsweredSoTheModelCanCorrectThem() {
        var results = new java.util.ArrayList<ChatMessage.ToolResult>();
        var model = new ScriptedModel()
                .call("company_financials", "{\"ticker\":\"SNOW\",\"metric\":\"profit\"}")
                .turn(r -> {
                    results.add((ChatMessage.ToolResult) r.messages().getLast());
                    return new ChatResponse("", List.of(new ToolCall("c2", "company_financials",
                            "{\"ticker\":\"TSLA\",\"metric\":\"revenue\"}")), 100, 20, ChatResponse.StopReason.TOOL_USE);
                })
                .turn(r -> {
                    results.add((ChatMessage.ToolResult) r.messages().getLast());
                    return new ChatResponse("", List.of(new ToolCall("c3", "company_financials",
                            "{\"ticker\":\"SNOW\",\"metric\":\"net_income\",\"period\":\"quarterly\",\"periods\":1}")), 100, 20,
                            ChatResponse.StopReason.TOOL_USE);
                })
                .turn(r -> {
                    results.add((ChatMessage.ToolResult) r.messages().getLast());
                    return save("Net loss in Q1 FY2026 was $430.1 million [1].");
                });

        var draft = agent(model, true).run("SNOW", s -> { });

        assertThat(results.get(0).error()).isTrue();
        assertThat(results.get(0).content()).contains("no metric 'profit'").contains("net_income").contains("eps_diluted");
        assertThat(results.get(1).error()).as("Tesla has no company facts file on loopback: a 404").isTrue();
        assertThat(results.get(1).content()).contains("EDGAR has no XBRL company facts");
        assertThat(results.get(2).error()).isFalse();
        assertThat(results.get(2).content()).contains("Net income Q1 FY2026 (2025-02-01 to 2025-04-30): -$430.1 million")
                .contains("10-Q filed");
        assertThat(draft.report().citations()).singleElement()
                .satisfies(c -> assertThat(c.title()).startsWith("Snowflake Inc. 10-Q filed"));
    }

    @Test
    void withoutEdgarTheToolIsNotOfferedAndACallToItIsAnUnknownTool() {
        var results = new java.util.ArrayList<ChatMessage.ToolResult>();
        var model = new ScriptedModel()
                .call("company_financials", "{\"ticker\":\"SNOW\",\"metric\":\"revenue\"}")
                .turn(r -> {
                    results.add((ChatMessage.ToolResult) r.messages().getLast());
                    return save("Nothing to cite.");
                });

        agent(model, false).run("SNOW", s -> { });

        assertThat(model.requests.getFirst().tools()).extracting(ToolSpec::name)
                .containsExactly("search_knowledge_base", "fetch_web_page", "save_research");
        assertThat(((ChatMessage.System) model.requests.getFirst().messages().getFirst()).text()).doesNotContain("company_financials");
        assertThat(results.getFirst().error()).isTrue();
        assertThat(results.getFirst().content()).contains("there is no tool named 'company_financials'");
        assertThat(server.requests()).as("nothing asked of EDGAR").isEmpty();
    }

    @Test
    void throughTheRealBedrockAdapterTheToolIsAToolSpecAndItsResultATurnBedrockAccepts() {
        try (var bedrock = new app.alex.research.fakes.StrictBedrockConverse()) {
            bedrock.then(app.alex.research.fakes.StrictBedrockConverse.toolUse("tooluse_1", FinancialsTool.NAME,
                            "{\"ticker\":\"SNOW\",\"metric\":\"eps_diluted\",\"periods\":1}", 3_000))
                    .then(app.alex.research.fakes.StrictBedrockConverse.toolUse("tooluse_2", ResearchAgent.SAVE,
                            "{\"title\":\"Snowflake EPS\",\"markdown\":\"# Snowflake EPS\\n\\nDiluted EPS was -$3.86 in FY2025 [1].\"}", 4_000));
            var model = app.alex.research.llm.BedrockConverseModel.create("us-west-2", null, null, bedrock.uri(),
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIATEST", "secret")),
                    java.time.Duration.ofSeconds(5));
            var agent = new ResearchAgent(model, kb, new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                    ResearchAgent.Limits.standard(), Clock.systemUTC(),
                    Optional.of(new EdgarResearch(TestEdgar.edgar(server, new FakeTime()))));

            var draft = agent.run("SNOW EPS", s -> { });

            assertThat(bedrock.received()).hasSize(2).allSatisfy(r -> assertThat(r.refusal()).isNull());
            assertThat(bedrock.received().getFirst().body().path("toolConfig").path("tools"))
                    .extracting(t -> t.path("toolSpec").path("name").asText()).contains(FinancialsTool.NAME);
            String result = bedrock.received().getLast().body().path("messages").get(2).path("content").get(0)
                    .path("toolResult").toString();
            assertThat(result).contains("Diluted EPS FY2025").contains("-$3.86 per share");
            assertThat(draft.report().citations()).singleElement()
                    .satisfies(c -> assertThat(c.title()).contains("10-K filed 2025-03-21"));
        }
    }
}
