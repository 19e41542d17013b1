package app.alex.minilm;

import app.alex.core.embed.Vectors;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MiniLmEmbedderTest {
    static MiniLmEmbedder embedder;
    static MiniLmTokenizer tokenizer;

    /** Real prose of 130-250 word pieces: where the 128-piece truncation trap would bite. */
    static final String LONG = """
            The company reported fourth-quarter revenue that exceeded the guidance it had given in November, driven by
            demand for accelerated computing platforms from cloud service providers and large consumer internet
            companies. Data-center revenue rose more than four times from a year earlier, while gaming revenue grew
            modestly as channel inventories normalised after a difficult year. Gross margin expanded on a more
            favourable mix and lower inventory provisions, partly offset by higher costs for new product ramps.
            Operating expenses increased as the company continued to hire engineers and invest in compute
            infrastructure. Management said supply of its newest systems would remain constrained for several
            quarters, and that export restrictions to certain regions reduced sales there, though other regions more
            than offset the decline. For the coming quarter the company guided to further sequential growth.""";

    @BeforeAll
    static void load() {
        embedder = MiniLmEmbedder.load();
        tokenizer = MiniLmTokenizer.load();
    }

    @AfterAll
    static void close() {
        embedder.close();
        tokenizer.close();
    }

    @Test
    void theReferencePairHasTheSentenceTransformersCosine() {
        List<float[]> v = embedder.embed(List.of("A man is eating food.", "A man is eating a piece of bread."));

        assertThat(Vectors.cosine(v.get(0), v.get(1))).isCloseTo(0.7553, within(0.001));
    }

    @Test
    void shortSentencesAgreeWithLangchain4jsIndependentImplementation() {
        // Reference values derived independently: langchain4j's AllMiniLmL6V2EmbeddingModel (its own tokenizer
        // configuration and pooling code) is correct on texts under 128 word pieces, so on these it must agree.
        var reference = new AllMiniLmL6V2EmbeddingModel();
        var texts = List.of("Reinvested dividends are recorded as new purchase lots.",
                "The central bank held rates steady.", "GPU demand from cloud providers lifted data-center revenue.",
                "Inventory accounting under FIFO lowers cost of goods sold when prices rise.");
        List<float[]> ours = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] theirs = reference.embed(TextSegment.from(texts.get(i))).content().vector();
            assertThat(Vectors.cosine(ours.get(i), theirs)).as(texts.get(i)).isGreaterThan(0.9999);
        }
    }

    @Test
    void aLongPassageReadsBeyond128WordPiecesAndBatchingDoesNotChangeIt() {
        int pieces = tokenizer.tokenize(LONG).size();
        String changedTail = LONG.replace("further sequential growth", "a sharp decline in every segment");

        float[] alone = embedder.embed(LONG);
        float[] tail = embedder.embed(changedTail);
        List<float[]> batched = embedder.embed(List.of("short text", LONG, "another short one"));

        assertThat(pieces).isBetween(130, 250);
        assertThat(Vectors.cosine(alone, tail)).as("the end of the passage changes its vector").isLessThan(0.999);
        assertThat(Vectors.cosine(alone, batched.get(1))).isGreaterThan(0.9999);
    }

    @Test
    void vectorsAreUnitLengthWith384DimensionsInInputOrder() {
        var texts = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            texts.add("word ".repeat(1 + (i * 7) % 50) + i);
        }
        List<float[]> batch = embedder.embed(texts);

        assertThat(batch).hasSize(40).allSatisfy(v -> {
            assertThat(v).hasSize(384);
            assertThat(Math.sqrt(Vectors.dot(v, v))).isCloseTo(1.0, within(1e-4));
        });
        for (int i = 0; i < texts.size(); i += 9) {
            assertThat(Vectors.cosine(batch.get(i), embedder.embed(texts.get(i)))).isGreaterThan(0.9999);
        }
    }

    @Test
    void modelCallsRunInParallelGiveTheSameVectorsInInputOrder() {
        var texts = new ArrayList<String>();
        for (int i = 0; i < 30; i++) {
            texts.add((i % 3 == 0 ? LONG : "quarterly revenue note ".repeat(1 + i)) + " " + i);
        }
        List<float[]> sequential = embedder.embed(texts);

        try (var parallel = MiniLmEmbedder.load(new MiniLmEmbedder.Options(1, 4, 512, 2))) {
            List<float[]> vectors = parallel.embed(texts);

            assertThat(vectors).hasSize(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(Vectors.cosine(vectors.get(i), sequential.get(i))).as("text %d", i).isGreaterThan(0.9999);
            }
        }
    }

    @Test
    void int8PrecisionKeepsEveryVectorWithinCosine099OfFp32() {
        var texts = new ArrayList<String>(List.of(LONG,
                "A man is eating food.",
                "The board approved a special dividend of $1.25 per share, payable in March.",
                "Reinvested dividends are recorded as new purchases at the price on the reinvestment date.",
                "Gross margin fell 240 basis points on higher freight costs and an unfavourable mix.",
                "Management reiterated full-year guidance despite weaker demand in Europe.",
                "The covenant requires net debt to EBITDA below 3.5x, tested quarterly."));
        List<float[]> fp32 = embedder.embed(texts);

        try (var int8 = MiniLmEmbedder.load(MiniLmEmbedder.Precision.INT8, MiniLmEmbedder.Options.defaults())) {
            List<float[]> quantized = int8.embed(texts);

            for (int i = 0; i < texts.size(); i++) {
                assertThat(quantized.get(i)).hasSize(384);
                assertThat(Vectors.cosine(quantized.get(i), fp32.get(i))).as("text %d", i).isGreaterThan(0.99);
            }
        }
    }

    @Test
    void precisionIsReadFromSettingsWithAClearErrorForUnknownValues() {
        assertThat(MiniLmEmbedder.Precision.parse(null)).isEqualTo(MiniLmEmbedder.Precision.FP32);
        assertThat(MiniLmEmbedder.Precision.parse(" INT8 ")).isEqualTo(MiniLmEmbedder.Precision.INT8);
        assertThatThrownBy(() -> MiniLmEmbedder.Precision.parse("fp16")).hasMessageContaining("use fp32 or int8");
    }

    @Test
    void emptyAndVeryLongTextsAreEmbeddedWithoutError() {
        float[] empty = embedder.embed("");
        float[] huge = embedder.embed("revenue margin guidance ".repeat(2000));

        assertThat(empty).hasSize(384);
        assertThat(huge).hasSize(384);
    }

    @Test
    void concurrentCallersGetIdenticalVectors() throws Exception {
        float[] expected = embedder.embed(LONG);
        try (var pool = Executors.newFixedThreadPool(4)) {
            var futures = new ArrayList<java.util.concurrent.Future<float[]>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit((Callable<float[]>) () -> embedder.embed(LONG)));
            }
            for (var future : futures) {
                assertThat(Vectors.cosine(expected, future.get())).isGreaterThan(0.99999);
            }
        }
    }

    @Test
    void tokenVectorsMeanPooledEqualTheSentenceVector() {
        float[][] tokens = embedder.tokenEmbeddings(LONG);
        float[] mean = new float[384];
        for (float[] token : tokens) {
            for (int d = 0; d < 384; d++) {
                mean[d] += token[d] / tokens.length;
            }
        }

        assertThat(tokens.length).isEqualTo(tokenizer.tokenize(LONG).size() + 2);
        assertThat(Vectors.cosine(Vectors.normalize(mean), embedder.embed(LONG))).isGreaterThan(0.99999);
    }
}
