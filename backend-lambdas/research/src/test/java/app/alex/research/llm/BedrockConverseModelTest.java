package app.alex.research.llm;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.llm.ChatMessage;
import app.alex.core.llm.ChatRequest;
import app.alex.core.llm.ChatResponse;
import app.alex.core.llm.ToolCall;
import app.alex.research.fakes.FakeHttpServer;
import app.alex.research.fakes.FakeHttpServer.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real SDK client against a loopback server speaking Converse's REST-JSON protocol. */
class BedrockConverseModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeHttpServer server = new FakeHttpServer();

    private BedrockConverseModel model() {
        return BedrockConverseModel.create("us-west-2", null, null, server.uri(""),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")), Duration.ofSeconds(5));
    }

    private static ChatRequest withToolRound() {
        return new ChatRequest(List.of(
                new ChatMessage.System("You are a test."),
                new ChatMessage.User("Research NVIDIA."),
                new ChatMessage.Assistant("", List.of(
                        new ToolCall("t1", "search_knowledge_base", "{\"query\":\"a\"}"),
                        new ToolCall("t2", "fetch_web_page", "{\"url\":\"https://example.com\"}"))),
                new ChatMessage.ToolResult("t1", "search_knowledge_base", "passages", false),
                new ChatMessage.ToolResult("t2", "fetch_web_page", "Error: refused", true)),
                app.alex.research.agent.ResearchAgent.tools(), 1024, 0.2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void callsConverseOnTheDefaultModelWithToolsAndGroupedToolResults() throws Exception {
        server.then(Reply.resource("/llm/bedrock/tool-use-search.json"));
        ChatResponse response = model().chat(withToolRound());

        var request = server.requests().getFirst();
        assertThat(request.path()).isEqualTo("/model/openai.gpt-oss-120b-1%3A0/converse");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256").contains("/us-west-2/bedrock/");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("You are a test.");
        JsonNode messages = body.path("messages");
        assertThat(messages).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "user");
        assertThat(messages.get(1).path("content").get(0).path("toolUse").path("input").path("query").asText()).isEqualTo("a");
        JsonNode results = messages.get(2).path("content");
        assertThat(results).hasSize(2);
        assertThat(results.get(1).path("toolResult").path("status").asText()).isEqualTo("error");
        assertThat(body.path("toolConfig").path("tools")).extracting(t -> t.path("toolSpec").path("name").asText())
                .containsExactly("search_knowledge_base", "fetch_web_page", "save_research");
        assertThat(body.path("toolConfig").path("tools").get(0).path("toolSpec").path("inputSchema").path("json")
                .path("required").get(0).asText()).isEqualTo("query");

        assertThat(response.stopReason()).isEqualTo(ChatResponse.StopReason.TOOL_USE);
        assertThat(response.text()).as("reasoning is not the answer").isEmpty();
        assertThat(response.toolCalls()).hasSize(1);
        assertThat(JSON.readTree(response.toolCalls().getFirst().argumentsJson()))
                .isEqualTo(JSON.readTree("{\"query\":\"NVIDIA data center revenue\",\"top_k\":4}"));
        assertThat(response.inputTokens()).isEqualTo(905);
    }

    @Test
    void sameRoleNeighboursAreMergedIntoOneMessageThatTheStrictFakeAccepts() {
        try (var strict = new app.alex.research.fakes.StrictBedrockConverse()) {
            strict.then(app.alex.research.fakes.StrictBedrockConverse.text("Done.", 10));
            var model = BedrockConverseModel.create("us-west-2", null, null, strict.uri(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")), Duration.ofSeconds(5));
            var request = new ChatRequest(List.of(new ChatMessage.User("Research NVIDIA."), new ChatMessage.User("Be brief."),
                    new ChatMessage.Assistant("", List.of()), new ChatMessage.Assistant("Planning.", List.of()),
                    new ChatMessage.Assistant("Searching.", List.of()), new ChatMessage.User("Go on.")), List.of(), 256, 0.2);

            assertThat(model.chat(request).text()).isEqualTo("Done.");

            JsonNode messages = strict.received().getFirst().body().path("messages");
            assertThat(messages).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "user");
            assertThat(messages.get(0).path("content")).extracting(c -> c.path("text").asText())
                    .containsExactly("Research NVIDIA.", "Be brief.");
            assertThat(messages.get(1).path("content")).extracting(c -> c.path("text").asText())
                    .containsExactly("Planning.", "Searching.");
        }
    }

    @Test
    void throttlingIsRetriedByTheSdkThenSucceeds() {
        server.then(new Reply(429, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ThrottlingException"),
                        "{\"message\":\"Too many requests\"}".getBytes()))
                .then(Reply.resource("/llm/bedrock/tool-use-save.json"));

        ChatResponse response = model().chat(withToolRound());

        assertThat(server.requests()).hasSize(2);
        assertThat(response.toolCalls().getFirst().name()).isEqualTo("save_research");
    }

    @Test
    void modelAccessNotEnabledSaysWhatToDo() {
        server.then(new Reply(403, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "AccessDeniedException"),
                "{\"message\":\"You don't have access to the model with the specified model ID.\"}".getBytes()));

        assertThatThrownBy(() -> model().chat(withToolRound()))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("enable access to this model");
    }

    @Test
    void persistentServerErrorsBecomeUnavailableAfterTheSdkRetries() {
        for (int i = 0; i < 5; i++) {
            server.then(new Reply(500, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "InternalServerException"),
                    "{\"message\":\"boom\"}".getBytes()));
        }
        assertThatThrownBy(() -> model().chat(withToolRound()))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("Bedrock failed (500)");
        assertThat(server.requests().size()).as("standard retry mode: 3 attempts").isEqualTo(3);
    }
}
