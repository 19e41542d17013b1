package app.alex.aws.sagemaker;

import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.FakeSageMakerEndpoint.Shape;
import app.alex.core.embed.Vectors;
import app.alex.minilm.MiniLmEmbedder;
import app.alex.minilm.MiniLmTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cloud embedder and the embedded one give the same vector for the same text. The fake
 * endpoint answers what the Hugging Face feature-extraction container answers: each text's
 * token vectors, computed here by the real all-MiniLM-L6-v2 ONNX model with the container's
 * truncation at 256 word pieces.
 */
class SageMakerParityTest {
    private static final String SHORT = "A man is eating food.";
    private static final String MEDIUM = "Revenue rose 12% year over year to $4.1 billion, driven by data-center demand,"
            + " while gross margin narrowed by 80 basis points on higher component costs.";
    /** Well over 128 word pieces: where a tokenizer truncating at 128 would go wrong. */
    private static final String LONG = ("The company guided third-quarter revenue between $5.2 and $5.4 billion, above"
            + " consensus, citing accelerating adoption of its accelerators by hyperscale customers; management also"
            + " flagged supply constraints on advanced packaging that could limit upside through fiscal 2026. ").repeat(3);
    /** Over 256 word pieces: truncated at 256 by both. */
    private static final String VERY_LONG = ("Inventory days fell to 71 from 89 as channel partners drew down stock ahead"
            + " of the product transition, and operating cash flow covered capital expenditure twice over. ").repeat(10);

    private static MiniLmEmbedder minilm;
    private static FakeSageMakerEndpoint endpoint;
    private static SageMakerEmbedder sageMaker;
    private static MiniLmTokenizer tokenizer;

    @BeforeAll
    static void start() {
        minilm = MiniLmEmbedder.load(new MiniLmEmbedder.Options(1, 4, 1024));
        endpoint = new FakeSageMakerEndpoint("alex-minilm", minilm::tokenEmbeddings);
        tokenizer = MiniLmTokenizer.load();
        sageMaker = SageMakerEmbedder.create(endpoint.clientSettings(), "alex-minilm", tokenizer);
    }

    @AfterAll
    static void stop() {
        sageMaker.close();
        endpoint.close();
        minilm.close();
        tokenizer.close();
    }

    @Test
    void theFixturesCoverShortTextsAndTextsBeyond128And256WordPieces() {
        assertThat(minilm.tokenEmbeddings(SHORT).length).isLessThan(20);
        assertThat(minilm.tokenEmbeddings(LONG).length).isBetween(140, 255);
        assertThat(minilm.tokenEmbeddings(VERY_LONG).length).isEqualTo(256);
    }

    @ParameterizedTest
    @EnumSource(value = Shape.class, names = {"PIPELINE", "TOKENS"})
    void sageMakerVectorsEqualTheEmbeddedModelsWithin1eMinus5Cosine(Shape shape) {
        endpoint.answering(shape);
        var texts = List.of(SHORT, MEDIUM, LONG, VERY_LONG);

        var cloud = sageMaker.embed(texts);
        var local = minilm.embed(texts);

        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(cloud.get(i), local.get(i))).as("text " + i).isGreaterThanOrEqualTo(1 - 1e-5);
        }
    }

    @Test
    void theCloudEmbedderReproducesTheModelsKnownSimilarity() {
        endpoint.answering(Shape.PIPELINE);

        var vectors = sageMaker.embed(List.of(SHORT, "A man is eating a piece of bread."));

        assertThat(Vectors.dot(vectors.get(0), vectors.get(1))).isCloseTo(0.7553, within(1e-3));
    }
}
