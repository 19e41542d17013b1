package app.alex.minilm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The model unpacked once into the cache folder; a damaged cached copy is replaced, never used. */
class ModelFilesTest {
    @TempDir
    Path cache;
    private String before;

    @BeforeEach
    void pointTheCacheHere() {
        before = System.getProperty("alex.cache.dir");
        System.setProperty("alex.cache.dir", cache.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("alex.cache.dir");
        } else {
            System.setProperty("alex.cache.dir", before);
        }
    }

    @Test
    void theFirstLoadKeepsTheModelAndTheNextLoadsReadItWithTheSameVectors() throws Exception {
        float[] first;
        try (var embedder = MiniLmEmbedder.load(MiniLmEmbedder.Precision.FP32, MiniLmEmbedder.Options.defaults())) {
            first = embedder.embed("Reinvested dividends are taxed as income.");
        }
        Path kept = ModelFiles.cached(MiniLmEmbedder.MODEL_RESOURCE, "FP32").orElseThrow();
        assertThat(kept).startsWith(cache);
        assertThat(Files.size(kept)).isEqualTo(ModelFiles.class.getResource(MiniLmEmbedder.MODEL_RESOURCE)
                .openConnection().getContentLengthLong());
        try (var stream = Files.list(kept.getParent())) {
            assertThat(stream.filter(p -> p.getFileName().toString().endsWith(".part"))).as("no temporary left").isEmpty();
        }

        try (var again = MiniLmEmbedder.load(MiniLmEmbedder.Precision.FP32, MiniLmEmbedder.Options.defaults())) {
            assertThat(again.embed("Reinvested dividends are taxed as income.")).containsExactly(first);
        }
    }

    @Test
    void aDamagedCachedModelIsReplacedAndTheModelStillLoads() throws Exception {
        Path kept = ModelFiles.path(MiniLmEmbedder.MODEL_RESOURCE, "FP32").orElseThrow();
        Files.createDirectories(kept.getParent());
        Files.write(kept, new byte[] {1, 2, 3, 4});

        try (var embedder = MiniLmEmbedder.load(MiniLmEmbedder.Precision.FP32, MiniLmEmbedder.Options.defaults())) {
            assertThat(embedder.embed("copper")).hasSize(384);
        }
        assertThat(Files.size(kept)).as("unpacked again").isGreaterThan(80_000_000L);
    }
}
