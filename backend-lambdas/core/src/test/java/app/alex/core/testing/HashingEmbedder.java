package app.alex.core.testing;

import app.alex.core.embed.Embedder;
import app.alex.core.embed.Vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic stand-in for the model in fast tests: a bag-of-words vector (each lower-cased
 * word hashed to one of 384 dimensions), L2-normalised. Texts sharing words are similar, which is
 * enough to test ranking plumbing; it counts how many texts it embedded.
 */
public final class HashingEmbedder implements Embedder {
    public static final int DIMENSION = 384;
    private final AtomicLong embedded = new AtomicLong();

    @Override
    public String modelId() {
        return "all-MiniLM-L6-v2";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        var out = new ArrayList<float[]>(texts.size());
        for (String text : texts) {
            float[] v = new float[DIMENSION];
            for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
                }
            }
            if (text.isBlank()) {
                v[0] = 1;
            }
            out.add(Vectors.normalize(v));
        }
        embedded.addAndGet(texts.size());
        return out;
    }

    /**
     * A model stand-in that reads some texts as other texts (a paraphrase as its question, a code as
     * something it is not), then embeds them as bag-of-words vectors like this one.
     */
    public static Embedder reading(java.util.function.UnaryOperator<String> asIfItSaid) {
        var words = new HashingEmbedder();
        return new Embedder() {
            @Override
            public String modelId() {
                return words.modelId();
            }

            @Override
            public int dimension() {
                return words.dimension();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return words.embed(texts.stream().map(asIfItSaid).toList());
            }
        };
    }

    /** How many texts were embedded so far. */
    public long embeddedCount() {
        return embedded.get();
    }
}
