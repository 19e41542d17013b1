package app.alex.research.agent;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.fakes.StrictBedrockConverse;
import app.alex.research.llm.BedrockConverseModel;
import app.alex.research.web.GuardedWebFetcher;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Clock;
import java.time.Duration;

import static app.alex.research.fakes.StrictBedrockConverse.text;
import static app.alex.research.fakes.StrictBedrockConverse.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agent, the real Bedrock adapter and SDK client, and a Converse fake as strict as the
 * service: a long tool-using run that spends the whole 80k-token budget must still be a
 * conversation Bedrock accepts.
 */
class AgentAgainstStrictBedrockTest {
    private final StrictBedrockConverse bedrock = new StrictBedrockConverse();

    @AfterEach
    void stop() {
        bedrock.close();
    }

    private static KnowledgeBase knowledgeBase() {
        var kb = TestKnowledgeBases.inMemory();
        kb.ingest(TextIngestRequest.of("NVIDIA data center revenue was 30.8 billion dollars in the quarter.", "NVIDIA 10-Q", "nvda-10q.txt"));
        kb.ingest(TextIngestRequest.of("Gross margin was 75 percent, helped by Hopper systems.", "NVIDIA margins", "nvda-margin.txt"));
        return kb;
    }

    private ResearchAgent agent() {
        var model = BedrockConverseModel.create("us-west-2", null, null, bedrock.uri(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")), Duration.ofSeconds(5));
        return new ResearchAgent(model, knowledgeBase(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                ResearchAgent.Limits.standard(), Clock.systemUTC());
    }

    private static String search(String query) {
        return "{\"query\":\"" + query + "\",\"top_k\":3}";
    }

    private static String save(String markdown) {
        return "{\"title\":\"NVIDIA after Hopper\",\"markdown\":\"" + markdown + "\"}";
    }

    @Test
    void anEightTurnRunThatExhaustsTheTokenBudgetIsAConversationBedrockAccepts() {
        // Input tokens grow as the conversation does: 4k, 7k ... 22k; after seven turns the agent has
        // spent over 80k tokens and must tell the model to write, right after the seventh tool results.
        String[] queries = {"data center revenue", "gross margin", "Hopper demand", "Blackwell ramp", "China export rules",
                "inventory", "competition from AMD"};
        for (int turn = 0; turn < queries.length; turn++) {
            bedrock.then(toolUse("tooluse_" + turn, ResearchAgent.SEARCH, search(queries[turn]), 4_000 + 3_000 * turn));
        }
        bedrock.then(toolUse("tooluse_save", ResearchAgent.SAVE,
                save("# NVIDIA after Hopper\\n\\nData center revenue was $30.8 billion [1] at a 75% margin [2]."), 25_000));

        var draft = agent().run("NVIDIA after Hopper", s -> { });

        assertThat(bedrock.received()).as("eight turns, none refused").hasSize(8)
                .allSatisfy(r -> assertThat(r.refusal()).isNull());
        assertThat(draft.tokens()).isGreaterThan(ResearchAgent.Limits.standard().tokenBudget());
        assertThat(draft.steps()).isEqualTo(8);
        assertThat(draft.report().citations()).hasSize(2);

        JsonNode last = bedrock.received().getLast().body();
        JsonNode messages = last.path("messages");
        JsonNode finalTurn = messages.get(messages.size() - 1);
        assertThat(finalTurn.path("role").asText()).isEqualTo("user");
        assertThat(finalTurn.path("content").get(0).path("toolResult").path("toolUseId").asText()).isEqualTo("tooluse_6");
        assertThat(finalTurn.path("content").get(1).path("text").asText())
                .as("the budget note travels in the same user turn as the results").contains("budget is used up");
        assertThat(last.path("toolConfig").path("tools")).extracting(t -> t.path("toolSpec").path("name").asText())
                .containsExactly(ResearchAgent.SAVE);
    }

    @Test
    void anEmptyAnswerAfterToolResultsIsNudgedWithoutTwoUserMessagesInARow() {
        bedrock.then(toolUse("tooluse_1", ResearchAgent.SEARCH, search("data center revenue"), 3_000))
                .then(text("", 3_500))
                .then(toolUse("tooluse_2", ResearchAgent.SAVE, save("# NVIDIA\\n\\nRevenue was $30.8 billion [1]."), 4_000));

        var draft = agent().run("NVIDIA", s -> { });

        assertThat(bedrock.received()).hasSize(3).allSatisfy(r -> assertThat(r.refusal()).isNull());
        JsonNode messages = bedrock.received().getLast().body().path("messages");
        assertThat(messages).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "user");
        assertThat(messages.get(2).path("content").get(1).path("text").asText()).contains("You sent an empty answer");
        assertThat(draft.report().citations()).hasSize(1);
    }

    @Test
    void aModelThatStaysNotReadyOrThrottledEndsTheRunWithAMessageThatSaysWhy() {
        for (int i = 0; i < 3; i++) {
            bedrock.then(StrictBedrockConverse.modelNotReady());
        }
        assertThatThrownBy(() -> agent().run("NVIDIA", s -> { }))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("not ready to serve yet");
        for (int i = 0; i < 3; i++) {
            bedrock.then(StrictBedrockConverse.throttle());
        }
        assertThatThrownBy(() -> agent().run("NVIDIA", s -> { }))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("throttling");
    }

    @Test
    void throttlingAndAModelThatIsNotReadyYetAreRetriedInsideTheRun() {
        bedrock.then(StrictBedrockConverse.throttle())
                .then(toolUse("tooluse_1", ResearchAgent.SEARCH, search("gross margin"), 3_000))
                .then(StrictBedrockConverse.modelNotReady())
                .then(toolUse("tooluse_2", ResearchAgent.SAVE, save("# NVIDIA\\n\\nMargin was 75% [1]."), 4_000));

        var draft = agent().run("NVIDIA margins", s -> { });

        assertThat(bedrock.received()).hasSize(4);
        assertThat(draft.report().citations()).hasSize(1);
    }
}
