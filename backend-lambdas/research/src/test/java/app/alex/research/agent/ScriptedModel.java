package app.alex.research.agent;

import app.alex.core.llm.ChatRequest;
import app.alex.core.llm.ChatResponse;
import app.alex.core.llm.LanguageModel;
import app.alex.core.llm.ToolCall;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** A language model whose turns are written by the test; it records every request it was sent. */
final class ScriptedModel implements LanguageModel {
    private final Deque<Function<ChatRequest, ChatResponse>> turns = new ArrayDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();

    ScriptedModel call(String tool, String argumentsJson) {
        turns.add(r -> new ChatResponse("", List.of(new ToolCall("c" + (requests.size()), tool, argumentsJson)), 100, 20,
                ChatResponse.StopReason.TOOL_USE));
        return this;
    }

    ScriptedModel answer(String text) {
        turns.add(r -> new ChatResponse(text, List.of(), 100, 200, ChatResponse.StopReason.END));
        return this;
    }

    ScriptedModel turn(Function<ChatRequest, ChatResponse> turn) {
        turns.add(turn);
        return this;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        requests.add(request);
        var next = turns.poll();
        if (next == null) {
            throw new AssertionError("the agent asked for more turns than the script has");
        }
        return next.apply(request);
    }
}
