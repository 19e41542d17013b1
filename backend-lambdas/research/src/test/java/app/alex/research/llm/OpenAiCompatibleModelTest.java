package app.alex.research.llm;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.llm.ChatMessage;
import app.alex.core.llm.ChatRequest;
import app.alex.core.llm.ChatResponse;
import app.alex.core.llm.ToolCall;
import app.alex.core.llm.ToolSpec;
import app.alex.research.fakes.FakeHttpServer;
import app.alex.research.fakes.FakeHttpServer.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCompatibleModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeHttpServer server = new FakeHttpServer();
    private final List<Duration> waits = new ArrayList<>();
    private final Backoff recordingBackoff = new Backoff(3, Duration.ofMillis(500), Duration.ofSeconds(20), waits::add);

    private OpenAiCompatibleModel model(String key) {
        return new OpenAiCompatibleModel(new OpenAiCompatibleModel.Settings(server.uri("/v1/"), "llama3.1:8b", key,
                Duration.ofSeconds(5)), recordingBackoff);
    }

    private static ChatRequest conversation() {
        return new ChatRequest(List.of(
                new ChatMessage.System("You are a test."),
                new ChatMessage.User("Find it."),
                new ChatMessage.Assistant("", List.of(new ToolCall("call_a1", "search_knowledge_base", "{\"query\":\"x\"}"))),
                new ChatMessage.ToolResult("call_a1", "search_knowledge_base", "passage [1]", false)),
                List.of(new ToolSpec("search_knowledge_base", "Search.", Map.of("type", "object",
                        "properties", Map.of("query", Map.of("type", "string")), "required", List.of("query")))),
                512, 0.2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheOpenAiWireFormatWithToolsToolCallsAndToolResults() throws Exception {
        server.then(Reply.resource("/llm/openai/text-answer.json"));
        model("sk-test-123").chat(conversation());

        var request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test-123");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("model").asText()).isEqualTo("llama3.1:8b");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        JsonNode messages = body.path("messages");
        assertThat(messages).extracting(m -> m.path("role").asText()).containsExactly("system", "user", "assistant", "tool");
        assertThat(messages.get(2).path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"query\":\"x\"}");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_a1");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("parameters").path("required").get(0).asText()).isEqualTo("query");
    }

    @Test
    void readsToolCallsAndUsageFromARecordedResponse() {
        server.then(Reply.resource("/llm/openai/tool-call-search.json"));
        ChatResponse response = model(null).chat(conversation());

        assertThat(response.stopReason()).isEqualTo(ChatResponse.StopReason.TOOL_USE);
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_a1", "search_knowledge_base", "{\"query\":\"NVIDIA data center revenue\"}"));
        assertThat(response.inputTokens()).isEqualTo(812);
        assertThat(server.requests().getFirst().header("Authorization")).as("no key, no header").isNull();
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfterThenSucceeds() {
        server.then(new Reply(429, Map.of("Retry-After", "3"), "{\"error\":{\"message\":\"slow down\"}}".getBytes()))
                .then(Reply.json(503, "{}"))
                .then(Reply.resource("/llm/openai/text-answer.json"));

        ChatResponse response = model(null).chat(conversation());

        assertThat(response.text()).isEqualTo("Hello from the model.");
        assertThat(server.requests()).hasSize(3);
        assertThat(waits.getFirst()).isEqualTo(Duration.ofSeconds(3));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsThatNeverStopEndInAClearUnavailableError() {
        server.then(Reply.json(500, "{}")).then(Reply.json(502, "{}")).then(Reply.json(500, "{}"));

        assertThatThrownBy(() -> model(null).chat(conversation()))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("failed (500)").hasMessageContaining("after 3 attempts");
    }

    @Test
    void aRefusedKeyIsNamedAsSuchAndNeverEchoed() {
        server.then(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-wrong-999\"}}"));

        assertThatThrownBy(() -> model("sk-wrong-999").chat(conversation()))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessageContaining("API key").hasMessageNotContaining("sk-wrong-999");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnknownModelSaysWhichModelAndWhere() {
        server.then(Reply.json(404, "{\"error\":{\"message\":\"model 'llama3.1:8b' not found\"}}"));

        assertThatThrownBy(() -> model(null).chat(conversation()))
                .isInstanceOf(AlexException.class).hasMessageContaining("no model 'llama3.1:8b'");
    }

    @Test
    void aServerThatIsNotRunningIsReportedAfterRetries() {
        var closed = new FakeHttpServer();
        var uri = closed.uri("/v1");
        closed.close();
        var model = new OpenAiCompatibleModel(new OpenAiCompatibleModel.Settings(uri, "m", null, Duration.ofSeconds(2)),
                recordingBackoff);

        assertThatThrownBy(() -> model.chat(conversation())).isInstanceOf(AlexException.class)
                .hasMessageContaining("Cannot reach the language model").hasMessageContaining("Is the server running?");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefusedUpFront() {
        assertThatThrownBy(() -> new OpenAiCompatibleModel.Settings(java.net.URI.create("file:///etc/passwd"), "m", null, null))
                .isInstanceOf(AlexException.class).hasMessageContaining("http:// or https://");
    }
}
