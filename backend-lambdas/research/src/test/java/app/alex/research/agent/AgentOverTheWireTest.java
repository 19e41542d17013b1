package app.alex.research.agent;

import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.testing.TestKnowledgeBases;
import app.alex.research.fakes.FakeHttpServer;
import app.alex.research.fakes.FakeHttpServer.Reply;
import app.alex.research.llm.Backoff;
import app.alex.research.llm.BedrockConverseModel;
import app.alex.research.llm.OpenAiCompatibleModel;
import app.alex.research.web.GuardedWebFetcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole tool-call round trips: the agent, a real adapter, and a loopback server replaying recorded responses. */
class AgentOverTheWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static app.alex.core.backend.KnowledgeBase knowledgeBase() {
        var kb = TestKnowledgeBases.inMemory();
        kb.ingest(TextIngestRequest.of("NVIDIA data center revenue was 30.8 billion dollars in the quarter.",
                "NVIDIA 10-Q", "nvda-10q.txt"));
        return kb;
    }

    @Test
    void openAiCompatibleSearchThenSaveProducesACitedReport() throws Exception {
        try (var server = new FakeHttpServer()) {
            server.then(Reply.resource("/llm/openai/tool-call-search.json")).then(Reply.resource("/llm/openai/tool-call-save.json"));
            var model = new OpenAiCompatibleModel(new OpenAiCompatibleModel.Settings(server.uri("/v1"), "llama3.1:8b", null,
                    Duration.ofSeconds(5)), Backoff.none());
            var agent = new ResearchAgent(model, knowledgeBase(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                    ResearchAgent.Limits.standard(), Clock.systemUTC());

            var draft = agent.run("NVIDIA data-center revenue trend", s -> { });

            JsonNode second = JSON.readTree(server.requests().get(1).body()).path("messages");
            JsonNode toolMessage = second.get(second.size() - 1);
            assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
            assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_a1");
            assertThat(toolMessage.path("content").asText()).contains("30.8 billion");
            assertThat(second.get(second.size() - 2).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_a1");

            assertThat(draft.title()).isEqualTo("NVIDIA data-center revenue keeps compounding");
            assertThat(draft.report().citations()).singleElement().satisfies(c -> assertThat(c.source()).isEqualTo("nvda-10q.txt"));
            assertThat(draft.report().markdown()).contains("$30.8 billion in the quarter [1]")
                    .contains("expect 40% growth next year.").doesNotContain("[7]").doesNotContain("made-up list");
            assertThat(draft.tokens()).isEqualTo(836 + 1450);
        }
    }

    @Test
    void bedrockSearchThenSaveProducesACitedReport() throws Exception {
        try (var server = new FakeHttpServer()) {
            server.then(Reply.resource("/llm/bedrock/tool-use-search.json")).then(Reply.resource("/llm/bedrock/tool-use-save.json"));
            var model = BedrockConverseModel.create("us-west-2", null, null, server.uri(""),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")), Duration.ofSeconds(5));
            var agent = new ResearchAgent(model, knowledgeBase(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                    ResearchAgent.Limits.standard(), Clock.systemUTC());

            var draft = agent.run("NVIDIA data center", s -> { });

            JsonNode messages = JSON.readTree(server.requests().get(1).body()).path("messages");
            JsonNode result = messages.get(messages.size() - 1).path("content").get(0).path("toolResult");
            assertThat(result.path("toolUseId").asText()).isEqualTo("tooluse_Q1");
            assertThat(result.path("content").get(0).path("text").asText()).contains("30.8 billion");
            assertThat(draft.report().citations()).hasSize(1);
            assertThat(draft.report().markdown()).contains("Revenue rose [1].");
        }
    }
}
