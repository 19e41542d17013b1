package app.alex.research.llm;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.llm.ChatMessage;
import app.alex.core.llm.ChatRequest;
import app.alex.core.llm.ChatResponse;
import app.alex.core.llm.LanguageModel;
import app.alex.core.llm.ToolCall;
import app.alex.core.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat completions with tool calls over the OpenAI wire format, which Ollama, vLLM, LM Studio,
 * llama.cpp's server and OpenAI itself speak: {@code POST {baseUrl}/chat/completions}.
 * Throttling (429), 5xx and timeouts are retried with {@link Backoff}; other 4xx become errors
 * that say what to fix. The API key is sent only in the Authorization header and never echoed.
 */
public final class OpenAiCompatibleModel implements LanguageModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Settings(URI baseUrl, String model, String apiKey, Duration timeout) {
        public Settings {
            if (baseUrl == null || model == null || model.isBlank()) {
                throw AlexException.badRequest("An OpenAI-compatible model needs a base URL and a model name.");
            }
            String scheme = baseUrl.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw AlexException.badRequest("The model's base URL must start with http:// or https://, not " + RedactedUrl.of(baseUrl) + ".");
            }
            timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        }

        /** Never the key, nor credentials inside the URL (settings end up in logs). */
        @Override
        public String toString() {
            return "Settings[baseUrl=" + RedactedUrl.of(baseUrl) + ", model=" + model + ", apiKey="
                    + (apiKey == null || apiKey.isBlank() ? "none" : "***") + ", timeout=" + timeout + "]";
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final Backoff backoff;

    public OpenAiCompatibleModel(Settings settings, Backoff backoff) {
        this.settings = settings;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public OpenAiCompatibleModel(Settings settings) {
        this(settings, Backoff.standard());
    }

    @Override
    public String name() {
        return settings.model() + " @ " + RedactedUrl.of(settings.baseUrl());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        byte[] body = requestBody(request);
        URI uri = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/chat/completions");
        for (int attempt = 1; ; attempt++) {
            var builder = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
                builder.header("Authorization", "Bearer " + settings.apiKey());
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                retryOrFail(attempt, null, "The language model at " + RedactedUrl.of(settings.baseUrl()) + " did not answer within "
                        + settings.timeout().toSeconds() + " s.");
                continue;
            } catch (IOException e) {
                retryOrFail(attempt, null, "Cannot reach the language model at " + RedactedUrl.of(settings.baseUrl())
                        + " (" + e.getClass().getSimpleName() + "). Is the server running?");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
            }
            int status = response.statusCode();
            if (status == 200) {
                return parse(response.body());
            }
            String detail = serverMessage(response.body());
            switch (status) {
                case 429 -> retryOrFail(attempt, retryAfter(response), "The language model server is throttling requests (429)" + detail);
                case 401 -> throw new AlexException(ErrorCode.UNAUTHORIZED,
                        "The language model server needs an API key or refused it (401). Check the key in settings.");
                case 403 -> throw new AlexException(ErrorCode.FORBIDDEN,
                        "The language model server refused the API key (403)" + detail);
                case 404 -> throw new AlexException(ErrorCode.BAD_REQUEST, "The language model server has no model '"
                        + settings.model() + "' or no /chat/completions under " + RedactedUrl.of(settings.baseUrl()) + " (404)" + detail);
                default -> {
                    if (status >= 500) {
                        retryOrFail(attempt, retryAfter(response), "The language model server failed (" + status + ")" + detail);
                    } else {
                        throw new AlexException(ErrorCode.BAD_REQUEST, "The language model server rejected the request ("
                                + status + ")" + detail);
                    }
                }
            }
        }
    }

    private void retryOrFail(int attempt, Duration hint, String message) {
        if (attempt >= backoff.maxAttempts()) {
            throw new AlexException(ErrorCode.UNAVAILABLE, message + " Gave up after " + attempt + " attempts.");
        }
        try {
            backoff.pause(attempt, hint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }

    /** The server's own error message, short, for the person reading it. */
    private static String serverMessage(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode message = node.path("error").isTextual() ? node.path("error") : node.path("error").path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                String text = message.asText();
                return ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
            }
        } catch (IOException | RuntimeException ignored) {
            // Not JSON: the status code alone is the message.
        }
        return ".";
    }

    private byte[] requestBody(ChatRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", settings.model());
        root.put("max_tokens", request.maxOutputTokens());
        root.put("temperature", request.temperature());
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode m = messages.addObject();
            switch (message) {
                case ChatMessage.System s -> m.put("role", "system").put("content", s.text());
                case ChatMessage.User u -> m.put("role", "user").put("content", u.text());
                case ChatMessage.Assistant a -> {
                    m.put("role", "assistant").put("content", a.text());
                    if (!a.toolCalls().isEmpty()) {
                        ArrayNode calls = m.putArray("tool_calls");
                        for (ToolCall call : a.toolCalls()) {
                            ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                            c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                        }
                    }
                }
                case ChatMessage.ToolResult r -> m.put("role", "tool").put("tool_call_id", r.callId())
                        .put("content", r.content());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode f = tools.addObject().put("type", "function").putObject("function");
                f.put("name", tool.name()).put("description", tool.description());
                f.set("parameters", JSON.valueToTree(tool.parameters()));
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChatResponse parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "The language model server sent a response that is not JSON.");
        }
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "The language model server sent a response without choices.");
        }
        JsonNode message = choice.path("message");
        List<ToolCall> calls = new ArrayList<>();
        int n = 0;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            // Some servers send arguments as an object instead of the spec's JSON string.
            String args = arguments.isTextual() ? arguments.asText() : arguments.isMissingNode() ? "{}" : arguments.toString();
            String id = call.path("id").asText("");
            calls.add(new ToolCall(id.isBlank() ? "call_" + (++n) : id, function.path("name").asText(""), args));
        }
        var stop = switch (choice.path("finish_reason").asText("")) {
            case "stop" -> ChatResponse.StopReason.END;
            case "tool_calls", "function_call" -> ChatResponse.StopReason.TOOL_USE;
            case "length" -> ChatResponse.StopReason.MAX_TOKENS;
            default -> calls.isEmpty() ? ChatResponse.StopReason.OTHER : ChatResponse.StopReason.TOOL_USE;
        };
        JsonNode usage = root.path("usage");
        return new ChatResponse(message.path("content").asText(""), calls, usage.path("prompt_tokens").asInt(0),
                usage.path("completion_tokens").asInt(0), stop);
    }
}
