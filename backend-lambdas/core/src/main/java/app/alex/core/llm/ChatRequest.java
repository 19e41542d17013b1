package app.alex.core.llm;

import java.util.List;

/** One turn's input: the conversation so far and the tools the model may call. */
public record ChatRequest(List<ChatMessage> messages, List<ToolSpec> tools, int maxOutputTokens, double temperature) {
    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
    }
}
