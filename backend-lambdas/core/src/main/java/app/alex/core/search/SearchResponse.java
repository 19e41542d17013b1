package app.alex.core.search;

import java.util.List;

/**
 * Ranked results. {@code mode} is the mode actually used: an index without keyword ranking
 * (S3 Vectors) answers hybrid requests semantically and says so here.
 */
public record SearchResponse(String query, SearchMode mode, List<SearchHit> results, long tookMillis) {
    public SearchResponse {
        results = List.copyOf(results);
    }
}
