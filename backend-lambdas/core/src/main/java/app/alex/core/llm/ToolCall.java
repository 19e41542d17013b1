package app.alex.core.llm;

/**
 * A tool call as the model made it. {@code argumentsJson} is kept as the model wrote it: it may
 * be malformed, and the agent answers a malformed call with an error the model can correct.
 */
public record ToolCall(String id, String name, String argumentsJson) {
}
