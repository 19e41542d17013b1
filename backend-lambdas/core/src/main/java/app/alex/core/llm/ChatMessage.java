package app.alex.core.llm;

import java.util.List;

/** The messages of a tool-using conversation, in the shape every chat API shares. */
public sealed interface ChatMessage {

    record System(String text) implements ChatMessage {
    }

    record User(String text) implements ChatMessage {
    }

    /** What the model said: text, tool calls, or both. */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /** The answer to one tool call; {@code error} marks a failed call so the model can react. */
    record ToolResult(String callId, String toolName, String content, boolean error) implements ChatMessage {
    }
}
