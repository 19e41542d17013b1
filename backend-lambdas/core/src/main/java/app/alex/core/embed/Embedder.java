package app.alex.core.embed;

import java.util.List;

/**
 * Turns passages into sentence vectors. Every implementation returns L2-normalised vectors of
 * {@link #dimension()} floats, so a dot product is the cosine similarity, and implementations of
 * the same model agree (the embedded ONNX one and the SageMaker one give the same vector).
 */
public interface Embedder extends AutoCloseable {

    /** The model's name, e.g. "all-MiniLM-L6-v2"; stored with the index to refuse mixing models. */
    String modelId();

    int dimension();

    /** One vector per text, in order. */
    List<float[]> embed(List<String> texts);

    default float[] embed(String text) {
        return embed(List.of(text)).getFirst();
    }

    @Override
    default void close() {
    }
}
