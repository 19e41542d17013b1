package app.alex.core.search;

import app.alex.core.embed.Embedder;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.VectorIndex;

import java.util.Objects;

/** Search use case: embed the query (unless keyword-only), rank, flatten. */
public final class SearchService {
    private final Embedder embedder;
    private final VectorIndex index;

    public SearchService(Embedder embedder, VectorIndex index) {
        this.embedder = Objects.requireNonNull(embedder);
        this.index = Objects.requireNonNull(index);
    }

    public SearchResponse search(SearchRequest request) {
        long start = System.nanoTime();
        SearchMode mode = index.supportedModes().contains(request.mode()) ? request.mode() : SearchMode.SEMANTIC;
        float[] vector = mode == SearchMode.KEYWORD ? null : embedder.embed(request.query());
        var hits = index.search(new IndexQuery(vector, request.query(), request.topK(), request.filter(), mode))
                .stream().map(hit -> SearchHit.of(hit, mode)).toList();
        return new SearchResponse(request.query(), mode, hits, (System.nanoTime() - start) / 1_000_000);
    }
}
