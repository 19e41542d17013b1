package app.alex.research.llm;

import app.alex.research.fakes.StrictBedrockConverse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strict fake refuses, through the real SDK client, every conversation Bedrock refuses: each
 * test here passes a lenient fake's answer only if the fake checks the rule.
 */
class StrictBedrockConverseTest {
    private final StrictBedrockConverse bedrock = new StrictBedrockConverse();
    private final BedrockRuntimeClient client = BedrockRuntimeClient.builder()
            .region(Region.US_WEST_2).endpointOverride(bedrock.uri())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
            .build();

    @AfterEach
    void stop() {
        client.close();
        bedrock.close();
    }

    private static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    private static Message assistant(ContentBlock... content) {
        return Message.builder().role(ConversationRole.ASSISTANT).content(content).build();
    }

    private static ContentBlock call(String id) {
        return ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId(id).name("search_knowledge_base")
                .input(Document.fromMap(Map.of("query", Document.fromString("revenue")))).build());
    }

    private static ContentBlock result(String id) {
        return ContentBlock.fromToolResult(ToolResultBlock.builder().toolUseId(id)
                .content(ToolResultContentBlock.fromText("passages")).build());
    }

    private static Message results(String... ids) {
        return Message.builder().role(ConversationRole.USER)
                .content(java.util.Arrays.stream(ids).map(StrictBedrockConverseTest::result).toList()).build();
    }

    private ConverseResponse converse(boolean withTools, Message... messages) {
        var request = ConverseRequest.builder().modelId("openai.gpt-oss-120b-1:0").messages(messages);
        if (withTools) {
            request.toolConfig(t -> t.tools(Tool.fromToolSpec(ToolSpecification.builder().name("search_knowledge_base")
                    .inputSchema(ToolInputSchema.fromJson(Document.fromMap(Map.of("type", Document.fromString("object")))))
                    .build())));
        }
        return client.converse(request.build());
    }

    private void refused(String message, boolean withTools, Message... messages) {
        bedrock.then(StrictBedrockConverse.text("a lenient fake answers this", 10));
        assertThatThrownBy(() -> converse(withTools, messages))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });
    }

    @Test
    void aWellFormedToolConversationIsAnsweredWithTheNextScriptedTurn() {
        bedrock.then(StrictBedrockConverse.toolUse("tooluse_2", "search_knowledge_base", "{\"query\":\"margin\"}", 1200));

        var response = converse(true, user("Research NVIDIA."), assistant(call("tooluse_1")), results("tooluse_1"));

        assertThat(response.output().message().content()).extracting(ContentBlock::toolUse).filteredOn(java.util.Objects::nonNull)
                .singleElement().satisfies(use -> assertThat(use.toolUseId()).isEqualTo("tooluse_2"));
        assertThat(response.usage().inputTokens()).isEqualTo(1200);
        assertThat(bedrock.received().getFirst().path()).isEqualTo("/model/openai.gpt-oss-120b-1:0/converse");
    }

    @Test
    void twoUserMessagesInARowAreRefusedAsTheServiceRefusesThem() {
        refused("A conversation must alternate between user and assistant roles", true,
                user("Research NVIDIA."), assistant(call("tooluse_1")), results("tooluse_1"), user("Write the report now."));
    }

    @Test
    void twoAssistantMessagesInARowAreRefused() {
        refused("must alternate between user and assistant roles", false,
                user("Research NVIDIA."), assistant(ContentBlock.fromText("one")), assistant(ContentBlock.fromText("two")),
                user("go on"));
    }

    @Test
    void aConversationThatStartsWithTheAssistantIsRefused() {
        refused("must start with a user message", false, assistant(ContentBlock.fromText("Hello")), user("Research NVIDIA."));
    }

    @Test
    void aToolCallWithoutItsResultInTheNextUserMessageIsRefused() {
        refused("Expected toolResult blocks at messages.2.content for the following Ids: tooluse_2", true,
                user("Research NVIDIA."), assistant(call("tooluse_1"), call("tooluse_2")), results("tooluse_1"));
    }

    @Test
    void aResultForACallThatWasNotMadeIsRefused() {
        refused("exceeds the number of toolUse blocks of previous turn", true,
                user("Research NVIDIA."), assistant(call("tooluse_1")), results("tooluse_9"));
    }

    @Test
    void toolBlocksWithoutToolConfigAreRefused() {
        refused(StrictBedrockConverse.TOOL_CONFIG, false,
                user("Research NVIDIA."), assistant(call("tooluse_1")), results("tooluse_1"));
    }

    @Test
    void reasoningContentSentBackIsRefused() {
        var reasoning = ContentBlock.fromReasoningContent(ReasoningContentBlock.fromReasoningText(
                ReasoningTextBlock.builder().text("I should search.").build()));
        refused("reasoningContent", true, user("Research NVIDIA."), assistant(reasoning, call("tooluse_1")), results("tooluse_1"));
    }

    @Test
    void anEmptyMessageOrABlankTextIsRefused() {
        refused("is empty", false, user("Research NVIDIA."), Message.builder().role(ConversationRole.ASSISTANT).content(List.of()).build(),
                user("go on"));
        refused("is blank", false, user(" "));
    }

    @Test
    void throttlingIsAnswered429ThrottlingExceptionAndTheSdkRetriesIt() {
        bedrock.then(StrictBedrockConverse.throttle()).then(StrictBedrockConverse.text("Done.", 10));

        var response = converse(false, user("Research NVIDIA."));

        assertThat(response.output().message().content()).extracting(ContentBlock::text).contains("Done.");
        assertThat(bedrock.received()).hasSize(2);
    }

    @Test
    void persistentThrottlingAndAModelThatIsNotReadySurfaceAsTheServicesExceptions() {
        for (int i = 0; i < 3; i++) {
            bedrock.then(StrictBedrockConverse.throttle());
        }
        assertThatThrownBy(() -> converse(false, user("Research NVIDIA.")))
                .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        for (int i = 0; i < 3; i++) {
            bedrock.then(StrictBedrockConverse.modelNotReady());
        }
        assertThatThrownBy(() -> converse(false, user("Research NVIDIA.")))
                .isInstanceOf(ModelNotReadyException.class).hasMessageContaining("not ready");
    }
}
