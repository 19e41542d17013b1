package app.alex.lambdas;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.aws.CloudKnowledgeBase;
import app.alex.aws.client.AwsClients;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.fakes.ManualClock;
import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.minilm.MiniLmTokenizer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search that meets a cold SageMaker serverless endpoint, through the Lambda transport, the real
 * SDK clients and the strict fakes: the function answers 503 with Retry-After and a sentence a
 * person understands, inside API Gateway's 29 s, and works once the model is up.
 */
class ColdEmbeddingModelTest {
    private static final MiniLmTokenizer TOKENIZER = MiniLmTokenizer.load();
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ManualClock clock = new ManualClock();
    private FakeS3Vectors s3Vectors;
    private FakeSageMakerEndpoint sageMaker;
    private ApiGatewayTransport transport;

    @BeforeEach
    void start() {
        s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks");
        sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of)
                .coldStarts(clock, Duration.ofSeconds(45), Duration.ofMinutes(10));
        var embedder = new SageMakerEmbedder(AwsClients.sageMakerRuntime(sageMaker.clientSettings()), "alex-minilm",
                TOKENIZER, SageMakerEmbedder.Options.defaults(), clock, clock::advance);
        var kb = CloudKnowledgeBase.wire(embedder, S3VectorsIndex.create(s3Vectors.clientSettings(), "alex-kb", "chunks"),
                TOKENIZER, Clock.systemUTC());
        transport = new ApiGatewayTransport(new ApiRouter(kb, ApiKeys.parse("")));
    }

    @AfterEach
    void stop() {
        s3Vectors.close();
        sageMaker.close();
    }

    private APIGatewayProxyRequestEvent searchEvent() throws Exception {
        return json.readValue(getClass().getResourceAsStream("/events/search.json"), APIGatewayProxyRequestEvent.class);
    }

    @Test
    void aSearchDuringAColdStartIsAnswered503WithRetryAfterAndAPlainMessage() throws Exception {
        var began = clock.instant();

        var response = transport.handle(searchEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("retry-after", "15");
        JsonNode error = json.readTree(response.getBody()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unavailable");
        assertThat(error.path("message").asText()).isEqualTo("The cloud embedding model is starting (it was idle and is"
                + " loading again); try again in 15 s.");
        assertThat(Duration.between(began, clock.instant())).isLessThan(Duration.ofSeconds(29));
    }

    @Test
    void theSameSearchSucceedsOnceTheModelHasStarted() throws Exception {
        transport.handle(searchEvent(), null);
        clock.advance(Duration.ofSeconds(30));

        var response = transport.handle(searchEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(sageMaker.coldStartCount()).isEqualTo(1);
    }
}
