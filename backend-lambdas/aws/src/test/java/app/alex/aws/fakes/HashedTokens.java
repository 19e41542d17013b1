package app.alex.aws.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Stand-in token vectors for fast embedder tests: [CLS], one vector per word, [SEP]; each
 * vector is seeded by its word, so equal words give equal vectors. Not a model: parity with
 * the real model is tested with the real model.
 */
public final class HashedTokens {
    public static final int DIMENSION = 384;

    private HashedTokens() {
    }

    public static float[][] of(String text) {
        var tokens = new ArrayList<float[]>();
        tokens.add(vector("[CLS]"));
        for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!word.isEmpty()) {
                tokens.add(vector(word));
            }
        }
        tokens.add(vector("[SEP]"));
        return tokens.toArray(float[][]::new);
    }

    /**
     * One vector per word piece of the real MiniLM tokenizer, [CLS] and [SEP] included, truncated at
     * 256 as the container does: answers as long as the real endpoint's, for the payload-size tests.
     */
    public static float[][] ofWordPieces(app.alex.core.chunk.Tokenizer tokenizer, String text) {
        var tokens = new ArrayList<float[]>();
        tokens.add(vector("[CLS]"));
        for (var span : tokenizer.tokenize(text)) {
            if (tokens.size() == 255) {
                break;
            }
            tokens.add(vector(text.substring(span.start(), span.end())));
        }
        tokens.add(vector("[SEP]"));
        return tokens.toArray(float[][]::new);
    }

    /** The sentence vector a correct client makes of {@link #of}: mean, then unit length. */
    public static float[] sentence(String text) {
        float[][] tokens = of(text);
        double[] sum = new double[DIMENSION];
        for (float[] token : tokens) {
            for (int d = 0; d < DIMENSION; d++) {
                sum[d] += token[d];
            }
        }
        double norm = 0;
        for (double x : sum) {
            norm += x * x;
        }
        float[] out = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            out[d] = (float) (sum[d] / Math.sqrt(norm));
        }
        return out;
    }

    public static List<float[]> sentences(List<String> texts) {
        return texts.stream().map(HashedTokens::sentence).toList();
    }

    private static float[] vector(String word) {
        var random = new Random(word.hashCode());
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
