package app.alex.research.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Bedrock Converse endpoint ({@code POST /model/{modelId}/converse}, REST-JSON) that
 * checks every request the way the service does before it answers with the next scripted turn:
 * <ul>
 *   <li>the conversation starts with a user message and roles alternate;</li>
 *   <li>no message is empty, no text block is blank;</li>
 *   <li>every {@code toolUse} of an assistant message is answered by a {@code toolResult} with the
 *       same id in the next user message, and no result answers a call that was not made;</li>
 *   <li>{@code toolConfig} is present whenever the conversation holds tool blocks;</li>
 *   <li>no {@code reasoningContent} is sent back (gpt-oss refuses it);</li>
 *   <li>a request is signed (SigV4, service {@code bedrock}).</li>
 * </ul>
 * A broken rule is answered 400 {@code ValidationException} with the service's message; scripted
 * {@link #throttle()} and {@link #modelNotReady()} answer 429 as the service does. Replies carry a
 * {@code reasoningContent} block before the answer, as gpt-oss's do.
 */
public final class StrictBedrockConverse implements AutoCloseable {
    public static final String ALTERNATION = "A conversation must alternate between user and assistant roles. "
            + "Make sure the conversation alternates between user and assistant roles and try again.";
    public static final String FIRST_USER = "A conversation must start with a user message. "
            + "Try again with a conversation that starts with a user message.";
    public static final String TOOL_CONFIG = "The toolConfig field must be defined when using toolUse and toolResult content blocks.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^/model/([^/]+)/converse$");

    /** What the fake answers next, once the request passes every rule. */
    public sealed interface Turn {
        record ToolUse(String id, String name, String inputJson, int inputTokens) implements Turn {
        }

        record Text(String text, int inputTokens) implements Turn {
        }

        record Failure(int status, String errorType, String message) implements Turn {
        }
    }

    /** One request as received, and whether the fake refused it (null when it answered a turn). */
    public record Received(String path, String authorization, JsonNode body, String refusal) {
    }

    private final HttpServer server;
    private final Deque<Turn> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    public StrictBedrockConverse() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized StrictBedrockConverse then(Turn turn) {
        script.add(turn);
        return this;
    }

    public static Turn toolUse(String id, String name, String inputJson, int inputTokens) {
        return new Turn.ToolUse(id, name, inputJson, inputTokens);
    }

    public static Turn text(String text, int inputTokens) {
        return new Turn.Text(text, inputTokens);
    }

    public static Turn throttle() {
        return new Turn.Failure(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    public static Turn modelNotReady() {
        return new Turn.Failure(429, "ModelNotReadyException",
                "Model is not ready for inference. Wait and try your request again.");
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized int turnsLeft() {
        return script.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher m = PATH.matcher(path);
            if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
                send(exchange, 404, "UnknownOperationException", "Unknown operation " + exchange.getRequestMethod() + " " + path);
                return;
            }
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256") || !authorization.contains("/bedrock/aws4_request")) {
                send(exchange, 403, "UnrecognizedClientException", "The security token included in the request is invalid.");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                send(exchange, 400, "SerializationException", "The request body is not valid JSON.");
                return;
            }
            String refusal = refusal(body);
            Turn turn;
            synchronized (this) {
                received.add(new Received(path, authorization, body, refusal));
                turn = refusal == null ? script.poll() : null;
            }
            if (refusal != null) {
                send(exchange, 400, "ValidationException", refusal);
            } else if (turn == null) {
                send(exchange, 500, "InternalServerException", "strict Bedrock fake: no scripted turn left");
            } else if (turn instanceof Turn.Failure f) {
                send(exchange, f.status(), f.errorType(), f.message());
            } else {
                byte[] answer = JSON.writeValueAsBytes(answer(turn));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        }
    }

    /** The service's checks, in the order it reports them; null when the request is acceptable. */
    static String refusal(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "A conversation must start with a user message. Try again with a conversation that starts with a user message.";
        }
        boolean toolBlocks = false;
        String previousRole = null;
        Set<String> openCalls = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                return "1 validation error detected: Value '" + role + "' at 'messages." + (i + 1)
                        + ".member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]";
            }
            if (i == 0 && !role.equals("user")) {
                return FIRST_USER;
            }
            if (role.equals(previousRole)) {
                return ALTERNATION;
            }
            previousRole = role;
            JsonNode content = message.path("content");
            if (!content.isArray() || content.isEmpty()) {
                return "The content field in the Message object at messages." + i + " is empty. Add a ContentBlock object to the content field and try again.";
            }
            Set<String> answered = new LinkedHashSet<>();
            Set<String> calls = new LinkedHashSet<>();
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                String at = "messages." + i + ".content." + j;
                if (block.has("reasoningContent")) {
                    return "The model openai.gpt-oss does not support reasoningContent in input messages: remove the reasoningContent block at " + at + ".";
                }
                if (block.has("text") && block.path("text").asText().isBlank()) {
                    return "The text field in the ContentBlock object at " + at + " is blank. Add text to the text field, and try again.";
                }
                if (block.has("toolUse")) {
                    toolBlocks = true;
                    if (role.equals("user")) {
                        return "The toolUse block at " + at + " must be in an assistant message.";
                    }
                    calls.add(block.path("toolUse").path("toolUseId").asText());
                }
                if (block.has("toolResult")) {
                    toolBlocks = true;
                    if (role.equals("assistant")) {
                        return "The toolResult block at " + at + " must be in a user message.";
                    }
                    answered.add(block.path("toolResult").path("toolUseId").asText());
                }
            }
            if (role.equals("user")) {
                if (answered.size() > openCalls.size() || !openCalls.containsAll(answered)) {
                    return "The number of toolResult blocks at messages." + i
                            + ".content exceeds the number of toolUse blocks of previous turn.";
                }
                if (!answered.containsAll(openCalls)) {
                    var missing = new LinkedHashSet<>(openCalls);
                    missing.removeAll(answered);
                    return "Expected toolResult blocks at messages." + i + ".content for the following Ids: " + String.join(", ", missing);
                }
                openCalls.clear();
            } else {
                openCalls.addAll(calls);
            }
        }
        if (toolBlocks && !body.path("toolConfig").path("tools").isArray()) {
            return TOOL_CONFIG;
        }
        return null;
    }

    private static ObjectNode answer(Turn turn) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("output").putObject("message");
        message.put("role", "assistant");
        ArrayNode content = message.putArray("content");
        content.addObject().putObject("reasoningContent").putObject("reasoningText").put("text", "Thinking about the next step.");
        int inputTokens;
        switch (turn) {
            case Turn.ToolUse use -> {
                ObjectNode block = content.addObject().putObject("toolUse");
                block.put("toolUseId", use.id()).put("name", use.name());
                try {
                    block.set("input", JSON.readTree(use.inputJson()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                root.put("stopReason", "tool_use");
                inputTokens = use.inputTokens();
            }
            case Turn.Text text -> {
                if (!text.text().isEmpty()) {
                    content.addObject().put("text", text.text());
                }
                root.put("stopReason", "end_turn");
                inputTokens = text.inputTokens();
            }
            case Turn.Failure f -> throw new IllegalStateException("failures are not answers");
        }
        ObjectNode usage = root.putObject("usage");
        usage.put("inputTokens", inputTokens).put("outputTokens", 60).put("totalTokens", inputTokens + 60);
        root.putObject("metrics").put("latencyMs", 800);
        return root;
    }

    private static void send(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("message", message));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
