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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bedrock's Converse API with tool use (SDK v2 {@code bedrockruntime}). Default model
 * {@code openai.gpt-oss-120b-1:0} in us-west-2. The SDK's own retry strategy (standard mode:
 * backoff with jitter on throttling and 5xx) does the retrying; this class turns what is left into
 * errors a person can act on (model access not enabled, wrong model id, no credentials).
 */
public final class BedrockConverseModel implements LanguageModel {
    public static final String DEFAULT_MODEL = "openai.gpt-oss-120b-1:0";
    public static final String DEFAULT_REGION = "us-west-2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BedrockRuntimeClient client;
    private final String modelId;

    public BedrockConverseModel(BedrockRuntimeClient client, String modelId) {
        this.client = client;
        this.modelId = modelId == null || modelId.isBlank() ? DEFAULT_MODEL : modelId;
    }

    /**
     * A client for the analyst's machine or a Lambda: explicit region, the light URL-connection
     * HTTP client, a named profile when given (else the default chain), and a timeout above the
     * model's longest answers. {@code endpoint} null means Bedrock's own endpoint for the region
     * (tests and {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}, read by {@link ModelSettings}, give another).
     */
    public static BedrockConverseModel create(String region, String profile, String modelId, URI endpoint,
                                              AwsCredentialsProvider credentials, Duration timeout) {
        AwsCredentialsProvider provider = credentials != null ? credentials
                : profile != null && !profile.isBlank() ? ProfileCredentialsProvider.create(profile)
                : DefaultCredentialsProvider.builder().build();
        var builder = BedrockRuntimeClient.builder()
                .region(Region.of(region == null || region.isBlank() ? DEFAULT_REGION : region))
                .credentialsProvider(provider)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(timeout).connectionTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(timeout.multipliedBy(4)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return new BedrockConverseModel(builder.build(), modelId);
    }

    @Override
    public String name() {
        return modelId + " (Bedrock)";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ConverseRequest converse = toRequest(request);
        ConverseResponse response;
        try {
            response = client.converse(converse);
        } catch (AccessDeniedException e) {
            throw new AlexException(ErrorCode.FORBIDDEN, "Bedrock refused the call to " + modelId
                    + ": enable access to this model in the Bedrock console for this region, and allow bedrock:InvokeModel.");
        } catch (ResourceNotFoundException e) {
            throw new AlexException(ErrorCode.BAD_REQUEST, "Bedrock has no model '" + modelId + "' in this region.");
        } catch (ModelNotReadyException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Bedrock's model " + modelId
                    + " is not ready to serve yet (it is being loaded after an idle spell). Try again in a minute.");
        } catch (ThrottlingException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Bedrock kept throttling calls to " + modelId
                    + " after retries: too many requests or tokens a minute for this account. Try again in a minute.");
        } catch (ValidationException e) {
            throw new AlexException(ErrorCode.BAD_REQUEST, "Bedrock rejected the request: " + e.awsErrorDetails().errorMessage());
        } catch (BedrockRuntimeException e) {
            int status = e.statusCode();
            throw new AlexException(status == 429 || status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.BAD_REQUEST,
                    "Bedrock failed (" + status + ") after retries: "
                            + (e.awsErrorDetails() == null ? "no detail" : e.awsErrorDetails().errorCode()));
        } catch (SdkClientException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Cannot call Bedrock: " + firstLine(e.getMessage()));
        }
        List<ToolCall> calls = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : response.output().message().content()) {
            if (block.text() != null) {
                text.append(block.text());
            } else if (block.toolUse() != null) {
                ToolUseBlock use = block.toolUse();
                calls.add(new ToolCall(use.toolUseId(), use.name(), toJson(use.input())));
            }
            // reasoningContent and other blocks are the model's own notes, not part of the answer.
        }
        var stop = switch (response.stopReason()) {
            case END_TURN, STOP_SEQUENCE -> ChatResponse.StopReason.END;
            case TOOL_USE -> ChatResponse.StopReason.TOOL_USE;
            case MAX_TOKENS -> ChatResponse.StopReason.MAX_TOKENS;
            case null, default -> calls.isEmpty() ? ChatResponse.StopReason.OTHER : ChatResponse.StopReason.TOOL_USE;
        };
        var usage = response.usage();
        return new ChatResponse(text.toString(), calls, usage == null ? 0 : usage.inputTokens(),
                usage == null ? 0 : usage.outputTokens(), stop);
    }

    private ConverseRequest toRequest(ChatRequest request) {
        List<SystemContentBlock> system = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        List<ContentBlock> pendingResults = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (!(message instanceof ChatMessage.ToolResult) && !pendingResults.isEmpty()) {
                append(messages, ConversationRole.USER, pendingResults);
                pendingResults.clear();
            }
            switch (message) {
                case ChatMessage.System s -> system.add(SystemContentBlock.fromText(s.text()));
                case ChatMessage.User u -> {
                    if (!u.text().isBlank()) {
                        append(messages, ConversationRole.USER, List.of(ContentBlock.fromText(u.text())));
                    }
                }
                case ChatMessage.Assistant a -> {
                    List<ContentBlock> content = new ArrayList<>();
                    if (!a.text().isBlank()) {
                        content.add(ContentBlock.fromText(a.text()));
                    }
                    for (ToolCall call : a.toolCalls()) {
                        content.add(ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId(call.id()).name(call.name())
                                .input(toDocument(parseOrEmpty(call.argumentsJson()))).build()));
                    }
                    if (!content.isEmpty()) {
                        append(messages, ConversationRole.ASSISTANT, content);
                    }
                }
                // Converse wants all results of one assistant turn in the next user message.
                case ChatMessage.ToolResult r -> pendingResults.add(ContentBlock.fromToolResult(ToolResultBlock.builder()
                        .toolUseId(r.callId()).content(ToolResultContentBlock.fromText(r.content()))
                        .status(r.error() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS).build()));
            }
        }
        if (!pendingResults.isEmpty()) {
            append(messages, ConversationRole.USER, pendingResults);
        }
        var builder = ConverseRequest.builder().modelId(modelId).system(system).messages(messages)
                .inferenceConfig(c -> c.maxTokens(request.maxOutputTokens()).temperature((float) request.temperature()));
        if (!request.tools().isEmpty()) {
            List<Tool> tools = new ArrayList<>();
            for (ToolSpec spec : request.tools()) {
                tools.add(Tool.fromToolSpec(ToolSpecification.builder().name(spec.name()).description(spec.description())
                        .inputSchema(ToolInputSchema.fromJson(toDocument(JSON.valueToTree(spec.parameters())))).build()));
            }
            builder.toolConfig(ToolConfiguration.builder().tools(tools).build());
        }
        return builder.build();
    }

    /**
     * Converse refuses two messages of one role in a row ("A conversation must alternate between
     * user and assistant roles"): a message of the same role as the last one joins it. So tool
     * results and a note after them travel as one user turn, results first.
     */
    private static void append(List<Message> messages, ConversationRole role, List<ContentBlock> content) {
        if (!messages.isEmpty() && messages.getLast().role() == role) {
            List<ContentBlock> joined = new ArrayList<>(messages.getLast().content());
            joined.addAll(content);
            messages.set(messages.size() - 1, Message.builder().role(role).content(joined).build());
        } else {
            messages.add(Message.builder().role(role).content(List.copyOf(content)).build());
        }
    }

    private static JsonNode parseOrEmpty(String json) {
        try {
            JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            return node.isObject() ? node : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    static Document toDocument(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Document> map = new LinkedHashMap<>();
                node.properties().forEach(e -> map.put(e.getKey(), toDocument(e.getValue())));
                yield Document.fromMap(map);
            }
            case ARRAY -> {
                List<Document> list = new ArrayList<>();
                node.forEach(n -> list.add(toDocument(n)));
                yield Document.fromList(list);
            }
            case STRING -> Document.fromString(node.asText());
            case NUMBER -> node.isIntegralNumber() ? Document.fromNumber(node.asLong()) : Document.fromNumber(node.asDouble());
            case BOOLEAN -> Document.fromBoolean(node.asBoolean());
            default -> Document.fromNull();
        };
    }

    static String toJson(Document document) {
        try {
            return JSON.writeValueAsString(toPlain(document));
        } catch (Exception e) {
            return "{}";
        }
    }

    private static Object toPlain(Document d) {
        if (d == null || d.isNull()) {
            return null;
        }
        if (d.isMap()) {
            Map<String, Object> map = new LinkedHashMap<>();
            d.asMap().forEach((k, v) -> map.put(k, toPlain(v)));
            return map;
        }
        if (d.isList()) {
            return d.asList().stream().map(BedrockConverseModel::toPlain).toList();
        }
        if (d.isNumber()) {
            SdkNumber n = d.asNumber();
            return new java.math.BigDecimal(n.stringValue());
        }
        if (d.isBoolean()) {
            return d.asBoolean();
        }
        return d.asString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void close() {
        client.close();
    }
}
