package app.alex.core.llm;

import java.util.List;

/**
 * The model's answer to one turn.
 *
 * @param stopReason why it stopped: END, TOOL_USE, MAX_TOKENS or OTHER
 */
public record ChatResponse(String text, List<ToolCall> toolCalls, int inputTokens, int outputTokens,
                           StopReason stopReason) {
    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatMessage.Assistant asMessage() {
        return new ChatMessage.Assistant(text, toolCalls);
    }

    public enum StopReason { END, TOOL_USE, MAX_TOKENS, OTHER }
}
