package app.alex.aws.sagemaker;

import app.alex.aws.client.AwsClients;
import app.alex.aws.fakes.FakeAwsServer;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.FakeSageMakerEndpoint.Shape;
import app.alex.aws.fakes.Fault;
import app.alex.aws.fakes.HashedTokens;
import app.alex.core.embed.Vectors;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.alex.minilm.MiniLmTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** What the embedder sends to the endpoint, how it reads every answer shape, and how it fails. */
class SageMakerEmbedderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MiniLmTokenizer tokenizer;
    private FakeSageMakerEndpoint fake;
    private SageMakerEmbedder embedder;

    @BeforeAll
    static void loadTokenizer() {
        tokenizer = MiniLmTokenizer.load();
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    @BeforeEach
    void start() {
        fake = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of);
        embedder = SageMakerEmbedder.create(fake.clientSettings(), "alex-minilm", tokenizer);
    }

    @AfterEach
    void stop() {
        fake.close();
        embedder.close();
    }

    private static void assertSameVectors(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).hasSize(384);
            assertThat(Vectors.cosine(actual.get(i), expected.get(i))).as("text " + i).isCloseTo(1.0, within(1e-6));
            assertThat(Vectors.dot(actual.get(i), actual.get(i))).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void theRequestIsTheFeatureExtractionBodyWithTruncationAt256() throws Exception {
        embedder.embed(List.of("first text", "second text"));

        var call = fake.calls("InvokeEndpoint").getFirst();
        assertThat(call.path()).isEqualTo("/endpoints/alex-minilm/invocations");
        assertThat(call.header("content-type")).isEqualTo("application/json");
        assertThat(call.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTESTFAKE/");
        assertThat(call.body()).isEqualTo(JSON.readTree("""
                {"inputs": ["first text", "second text"],
                 "parameters": {"tokenize_kwargs": {"truncation": true, "max_length": 256}}}"""));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void everyAnswerShapeGivesTheMeanPooledUnitVector(Shape shape) {
        fake.answering(shape);
        var texts = List.of("revenue grew", "margins fell sharply this quarter", "x");

        assertSameVectors(embedder.embed(texts), HashedTokens.sentences(texts));
    }

    @Test
    void manyTextsAreSentInBatchesAndComeBackInTheirOrder() {
        var texts = IntStream.range(0, 40).mapToObj(i -> "text number " + i).toList();

        var vectors = embedder.embed(texts);

        assertSameVectors(vectors, HashedTokens.sentences(texts));
        assertThat(fake.calls("InvokeEndpoint")).extracting(c -> c.body().path("inputs").size())
                .containsExactlyInAnyOrder(16, 16, 8);
    }

    @Test
    void noTextsMeansNoCall() {
        assertThat(embedder.embed(List.of())).isEmpty();
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void throttlingIsRetriedWithBackoffAndThenSucceeds() {
        fake.failNext("InvokeEndpoint", Fault.throttling(), 2);

        var vector = embedder.embed("revenue grew");

        assertThat(Vectors.cosine(vector, HashedTokens.sentence("revenue grew"))).isCloseTo(1.0, within(1e-6));
        assertThat(fake.calls("InvokeEndpoint")).hasSize(3);
    }

    @Test
    void anUnavailableEndpointUntilTheAttemptsRunOutGivesAClearError() {
        fake.failNext("InvokeEndpoint", Fault.serviceUnavailable(), 10);

        var error = catchThrowableOfType(AlexException.class, () -> embedder.embed("revenue grew"));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("The embedding model (SageMaker) failed while embedding 1 text after 3"
                + " attempts (ServiceUnavailableException, HTTP 503). Try again in a moment.");
        assertThat(fake.calls()).hasSize(3);
    }

    @Test
    void aModelErrorIsNotRetriedAndIsExplainedWithoutRequestIds() {
        fake.failNext("InvokeEndpoint", Fault.of(424, "ModelError", "Received client error (400) from primary"), 1);

        var error = catchThrowableOfType(AlexException.class, () -> embedder.embed("revenue grew"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.getMessage()).contains("rejected the request while embedding 1 text", "ModelError, HTTP 424")
                .doesNotContain(FakeAwsServer.REQUEST_ID);
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void anUnknownEndpointIsAConfigurationErrorThatNamesNoAccount() {
        var wrong = SageMakerEmbedder.create(fake.clientSettings(), "no-such-endpoint", tokenizer);

        var error = catchThrowableOfType(AlexException.class, () -> wrong.embed("revenue grew"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.getMessage()).contains("ValidationError", "not found").doesNotContain("123456789012");
        wrong.close();
    }

    @Test
    void anAnswerOfTheWrongDimensionIsRefusedClearly() {
        try (var other = new FakeSageMakerEndpoint("alex-minilm", text -> new float[][]{{1, 2, 3}});
             var embedderOfOther = SageMakerEmbedder.create(other.clientSettings(), "alex-minilm", tokenizer)) {
            assertThatThrownBy(() -> embedderOfOther.embed("revenue"))
                    .isInstanceOf(AlexException.class)
                    .hasMessageContaining("cannot read")
                    .hasMessageContaining("expected 384");
        }
    }

    @Test
    void anAnswerWithTheWrongNumberOfResultsIsRefused() {
        assertThatThrownBy(() -> SageMakerEmbedder.sentenceVectors("[[1.0, 2.0]]".getBytes(), 2))
                .isInstanceOf(AlexException.class).hasMessageContaining("expected a list of 2 results");
        assertThatThrownBy(() -> SageMakerEmbedder.sentenceVectors("<html>".getBytes(), 1))
                .isInstanceOf(AlexException.class).hasMessageContaining("not JSON");
    }

    @Test
    void buildingTheEmbedderMakesNoNetworkCallAndNamesAMissingSetting() {
        SageMakerEmbedder.create("eu-west-1", "alex-minilm", tokenizer).close();

        assertThat(fake.calls()).isEmpty();
        assertThatThrownBy(() -> SageMakerEmbedder.fromEnvironment(Map.of("AWS_REGION", "us-east-1"), tokenizer))
                .isInstanceOf(AlexException.class).hasMessageContaining("ALEX_EMBEDDINGS_ENDPOINT");
    }
}
