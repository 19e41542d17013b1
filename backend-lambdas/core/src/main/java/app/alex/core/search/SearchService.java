package app.alex.core.search;

import app.alex.core.embed.Embedder;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.VectorIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Search use case: embed the query (unless keyword-only), rank, diversify, flatten.
 *
 * <p>Results are diversified across documents: a long document whose passages all match would
 * otherwise fill the top of the list, hiding every other source. Each document keeps at most
 * {@link #PER_DOCUMENT} places until every other matching document has had its turn; its further
 * passages follow, in rank order. A search narrowed to a source (a path or URL prefix) is the
 * user asking for that document, so it is left in pure rank order.
 *
 * <p>A passage that several documents hold word for word (a file ingested from two folders, a
 * licence and its symlinked copy, a press release pasted into a note) is shown once, at its best
 * rank, naming the other documents in {@link SearchHit#alsoIn}: repeats would fill the list with
 * one text, and a research brief would quote it twice.
 */
public final class SearchService {
    static final int PER_DOCUMENT = 2;
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
        boolean diversify = request.filter().sourcePrefix() == null;
        // Diversifying needs candidates beyond the top k: the other documents' passages ranked lower.
        int depth = diversify ? Math.min(IndexQuery.MAX_TOP_K, request.topK() * 3) : request.topK();
        List<SearchHit> ranked = index.search(new IndexQuery(vector, request.query(), depth, request.filter(), mode))
                .stream().map(hit -> SearchHit.of(hit, mode)).toList();
        List<SearchHit> hits = diversify ? acrossDocuments(withoutRepeats(ranked), request.topK()) : ranked;
        return new SearchResponse(request.query(), mode, hits, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Each passage text once, at its best rank; a later hit with the same words (spacing aside)
     * is dropped, and where it came from another document, that document is named on the kept one.
     */
    static List<SearchHit> withoutRepeats(List<SearchHit> ranked) {
        var firstOfText = new LinkedHashMap<String, SearchHit>();
        var others = new HashMap<String, LinkedHashSet<String>>();
        for (SearchHit hit : ranked) {
            String text = hit.sameTextKey();
            SearchHit first = firstOfText.putIfAbsent(text, hit);
            if (first != null && !first.documentId().equals(hit.documentId())) {
                others.computeIfAbsent(text, t -> new LinkedHashSet<>()).add(hit.origin());
            }
        }
        return firstOfText.entrySet().stream()
                .map(e -> others.containsKey(e.getKey()) ? e.getValue().withAlsoIn(List.copyOf(others.get(e.getKey()))) : e.getValue())
                .toList();
    }

    /** The first {@code topK} of {@code ranked}, at most PER_DOCUMENT a document before any document gets more. */
    static List<SearchHit> acrossDocuments(List<SearchHit> ranked, int topK) {
        var picked = new ArrayList<SearchHit>(topK);
        var deferred = new ArrayList<SearchHit>();
        Map<String, Integer> perDocument = new HashMap<>();
        for (SearchHit hit : ranked) {
            if (picked.size() == topK) {
                break;
            }
            if (perDocument.merge(hit.documentId(), 1, Integer::sum) <= PER_DOCUMENT) {
                picked.add(hit);
            } else {
                deferred.add(hit);
            }
        }
        for (int i = 0; picked.size() < topK && i < deferred.size(); i++) {
            picked.add(deferred.get(i));
        }
        return List.copyOf(picked);
    }
}
