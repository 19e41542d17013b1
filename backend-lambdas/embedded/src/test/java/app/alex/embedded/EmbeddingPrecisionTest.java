package app.alex.embedded;

import app.alex.core.embed.Vectors;
import app.alex.minilm.MiniLmEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge base embeds with the precision it was opened with (the desktop's "Faster ingest" setting). */
class EmbeddingPrecisionTest {
    @TempDir
    Path dir;

    @Test
    void anInt8KnowledgeBaseEmbedsWithTheQuantisedModelWhereItHoldsOnThisCpuAndAFp32OneWithTheExactOne() {
        String text = "Reinvested dividends are recorded as new purchases at the reinvestment price.";
        float[] exact;
        float[] fast;
        try (var fp32 = EmbeddedBackend.open(dir.resolve("exact"), MiniLmEmbedder.Precision.FP32)) {
            exact = fp32.embedder().embed(text);
        }
        try (var int8 = EmbeddedBackend.open(dir.resolve("fast"), MiniLmEmbedder.Precision.INT8)) {
            fast = int8.embedder().embed(text);
            assertThat(EmbeddedBackend.sharedEmbedder().embed(text)).as("the shared embedder follows the last opened")
                    .containsExactly(fast);
        }

        double cosine = Vectors.cosine(exact, fast);
        assertThat(cosine).isGreaterThanOrEqualTo(0.99);
        // int8 is used only where it holds on this CPU; elsewhere the knowledge base embeds with fp32.
        var verdict = EmbeddedBackend.int8Verdict().orElseThrow();
        if (verdict.usable()) {
            assertThat(cosine).as(verdict.describe()).isLessThan(0.99999);
        } else {
            assertThat(fast).as(verdict.describe()).containsExactly(exact);
        }
    }
}
