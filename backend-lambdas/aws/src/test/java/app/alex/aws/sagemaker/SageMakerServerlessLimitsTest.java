package app.alex.aws.sagemaker;

import app.alex.aws.client.AwsClients;
import app.alex.aws.fakes.FakeAwsServer;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.fakes.ManualClock;
import app.alex.core.embed.Vectors;
import app.alex.core.error.ErrorCode;
import app.alex.core.error.RetryLaterException;
import app.alex.aws.fakes.Fault;
import app.alex.minilm.MiniLmTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * A serverless endpoint's 4 MB caps and its cold starts, against the strict fake: the fake answers
 * token vectors per real MiniLM word piece, so its answers are as long as the real container's.
 */
class SageMakerServerlessLimitsTest {
    /** 250 CJK characters: every one is a word piece, so characters / 3 underestimates it threefold. */
    private static final String CJK = "营业收入同比增长百分之十二毛利率因原材料成本上升而下降零点八个百分点公司预计下一季度需求保持强劲".repeat(6)
            .substring(0, 250);
    /** A table of numbers: digits, separators and signs split into many word pieces. */
    private static final String TABLE = """
            | FY | 2021 | 2022 | 2023 | 2024 |
            | Revenue | 16,675.0 | 26,974.1 | 26,914.3 | 60,922.4 |
            | Gross margin % | 62.3 | 64.9 | 56.9 | 72.7 |
            | EPS (diluted) | 1.73 | 3.85 | 1.74 | 11.93 |
            | Capex | -1,128.0 | -976.2 | -1,833.9 | -1,069.5 |
            """;

    private static MiniLmTokenizer tokenizer;
    private FakeSageMakerEndpoint fake;
    private final ManualClock clock = new ManualClock();

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
        fake = new FakeSageMakerEndpoint("alex-minilm", text -> HashedTokens.ofWordPieces(tokenizer, text));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private SageMakerEmbedder embedder(SageMakerEmbedder.Options options) {
        return new SageMakerEmbedder(AwsClients.sageMakerRuntime(fake.clientSettings()), "alex-minilm", tokenizer,
                options, clock, clock::advance);
    }

    private static float[] expected(String text) {
        float[][] tokens = HashedTokens.ofWordPieces(tokenizer, text);
        float[] mean = new float[384];
        for (float[] t : tokens) {
            for (int d = 0; d < 384; d++) {
                mean[d] += t[d];
            }
        }
        return Vectors.normalize(mean);
    }

    // --- 4 MB -----------------------------------------------------------------------------------

    @Test
    void theFixturesAreDenseTextsWhoseLengthHidesTheirTokenCount() {
        assertThat(tokenizer.tokenize(CJK)).hasSizeGreaterThan(240);
        assertThat(tokenizer.tokenize(TABLE).size()).isGreaterThan(TABLE.length() / 3);
    }

    @Test
    void cjkPassagesAndNumberTablesAreEmbeddedWithNoRequestOrAnswerOver4Mb() {
        var texts = new ArrayList<String>();
        IntStream.range(0, 8).forEach(i -> texts.add(i % 2 == 0 ? CJK.substring(i) : TABLE + " row " + i));
        try (var embedder = embedder(SageMakerEmbedder.Options.defaults())) {
            var vectors = embedder.embed(texts);

            for (int i = 0; i < texts.size(); i++) {
                assertThat(Vectors.cosine(vectors.get(i), expected(texts.get(i)))).as("text " + i).isCloseTo(1.0, within(1e-5));
            }
        }
        assertThat(fake.largestAnswer()).as("largest answer").isLessThanOrEqualTo(FakeSageMakerEndpoint.MAX_PAYLOAD_BYTES)
                .isGreaterThan(2_000_000);
        assertThat(fake.largestRequest()).isLessThanOrEqualTo(FakeSageMakerEndpoint.MAX_PAYLOAD_BYTES);
    }

    @Test
    void theBatchesPredictAnswersWithinTheBudgetFromRealTokenCounts() {
        var texts = List.of(CJK, CJK, TABLE, CJK, "short");
        try (var embedder = embedder(SageMakerEmbedder.Options.defaults())) {
            for (List<String> batch : embedder.batches(texts)) {
                int tokens = batch.stream().mapToInt(embedder::answerTokens).sum();
                assertThat((long) tokens * SageMakerEmbedder.ANSWER_BYTES_PER_TOKEN).isLessThan(3_900_000);
            }
            assertThat(embedder.answerTokens(CJK)).isEqualTo(252);
        }
    }

    @Test
    void theFakeRefusesAnAnswerOver4MbWithTheServicesValidationError() {
        String body = "{\"inputs\": [" + String.join(",", java.util.Collections.nCopies(3, "\"" + CJK + "\"")) + "]}";
        try (SageMakerRuntimeClient client = AwsClients.sageMakerRuntime(fake.clientSettings())) {
            var error = catchThrowableOfType(ValidationErrorException.class, () -> client.invokeEndpoint(r -> r
                    .endpointName("alex-minilm").contentType("application/json").body(SdkBytes.fromUtf8String(body))));

            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorMessage()).contains("exceeds the maximum of 4000000 bytes");
        }
    }

    @Test
    void theFakeRefusesARequestOver4MbWithTheServicesValidationError() {
        String body = "{\"inputs\": [\"" + "a ".repeat(2_100_000) + "\"]}";
        try (SageMakerRuntimeClient client = AwsClients.sageMakerRuntime(fake.clientSettings())) {
            var error = catchThrowableOfType(ValidationErrorException.class, () -> client.invokeEndpoint(r -> r
                    .endpointName("alex-minilm").contentType("application/json").body(SdkBytes.fromUtf8String(body))));

            assertThat(error.awsErrorDetails().errorMessage()).contains("Member must have length less than or equal to 4000000");
        }
    }

    @Test
    void aSingleTextTooLargeForOneRequestIsRefusedBeforeAnyCall() {
        try (var embedder = embedder(SageMakerEmbedder.Options.defaults())) {
            var error = catchThrowableOfType(app.alex.core.error.AlexException.class,
                    () -> embedder.embed("a ".repeat(2_100_000)));

            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.getMessage()).contains("4 MB a request", "smaller passages");
        }
        assertThat(fake.calls()).isEmpty();
    }

    // --- cold starts ----------------------------------------------------------------------------

    @Test
    void aColdEndpointIsRetriedUntilItIsReadyWithinTheStartupWait() {
        fake.coldStarts(clock, Duration.ofSeconds(12), Duration.ofMinutes(10));
        Instant began = clock.instant();
        try (var embedder = embedder(SageMakerEmbedder.Options.defaults())) {
            var vector = embedder.embed("revenue grew");

            assertThat(Vectors.cosine(vector, expected("revenue grew"))).isCloseTo(1.0, within(1e-5));
        }
        Duration waited = Duration.between(began, clock.instant());
        assertThat(waited).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(20));
        assertThat(fake.calls("InvokeEndpoint").size()).isGreaterThan(3);
    }

    @Test
    void anEndpointStillStartingAfterTheWaitIsAnsweredRetryLaterWithAMessageAPersonUnderstands() {
        fake.coldStarts(clock, Duration.ofMinutes(2), Duration.ofMinutes(10));
        Instant began = clock.instant();
        try (var embedder = embedder(SageMakerEmbedder.Options.defaults())) {
            var error = catchThrowableOfType(RetryLaterException.class, () -> embedder.embed("revenue grew"));

            assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(error.getMessage()).isEqualTo("The cloud embedding model is starting (it was idle and is loading"
                    + " again); try again in 15 s.");
            assertThat(error.retryAfterSeconds()).isEqualTo(15);
        }
        assertThat(Duration.between(began, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anEndpointIdleLongerThanItsScaleDownTimeStartsColdAgain() {
        fake.coldStarts(clock, Duration.ofSeconds(5), Duration.ofMinutes(10));
        try (var embedder = embedder(SageMakerEmbedder.Options.defaults())) {
            embedder.embed("first");
            embedder.embed("soon after");
            assertThat(fake.coldStartCount()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(11));
            embedder.embed("after an idle spell");
        }
        assertThat(fake.coldStartCount()).isEqualTo(2);
    }

    @Test
    void anEndpointThatDoesNotAnswerInTimeIsTreatedAsStartingAndBoundedByTheWait() {
        fake.failNext("InvokeEndpoint", Fault.stallForever(), 100);
        var impatient = new SageMakerEmbedder(AwsClients.sageMakerRuntime(fake.clientSettings(FakeAwsServer.fastPolicy()
                .withMaxAttempts(1).withTimeouts(Duration.ofMillis(100), Duration.ofMillis(100)))), "alex-minilm",
                tokenizer, SageMakerEmbedder.Options.defaults().withStartupWait(Duration.ofSeconds(4)), clock, clock::advance);

        Instant began = clock.instant();

        var error = catchThrowableOfType(RetryLaterException.class, () -> impatient.embed("revenue grew"));

        assertThat(error.getMessage()).contains("is starting");
        // Three tries within the 4 s wait: after the first and the second it paused 1 s, then 2 s.
        assertThat(Duration.between(began, clock.instant())).isEqualTo(Duration.ofSeconds(3));
        assertThat(fake.calls("InvokeEndpoint")).hasSizeLessThanOrEqualTo(3);
        impatient.close();
    }
}
