package app.alex.embedded;

import app.alex.core.embed.Embedder;

import java.util.List;
import java.util.function.Supplier;

/**
 * Loads the model on first use, so commands that never embed (listing, deleting) start at once.
 */
final class LazyEmbedder implements Embedder {
    private final String modelId;
    private final int dimension;
    private final Supplier<Embedder> loader;
    private volatile Embedder loaded;

    LazyEmbedder(String modelId, int dimension, Supplier<Embedder> loader) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.loader = loader;
    }

    private Embedder delegate() {
        Embedder current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = loader.get();
                    loaded = current;
                }
            }
        }
        return current;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return delegate().embed(texts);
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
        }
    }
}
