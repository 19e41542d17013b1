package app.alex.core.testing;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.embed.Vectors;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.EmbeddedChunks;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.index.ScoredChunk;
import app.alex.core.index.VectorIndex;
import app.alex.core.search.SearchMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A brute-force VectorIndex for fast use-case tests: exact cosine ranking, keyword mode by word
 * overlap, hybrid = semantic here. Counts upserts so tests can prove that nothing was written.
 */
public final class InMemoryVectorIndex implements VectorIndex {
    private record Stored(DocumentRecord document, List<ChunkRecord> chunks, List<float[]> vectors) {
    }

    private final Map<String, Stored> documents = new HashMap<>();
    private final AtomicInteger upserts = new AtomicInteger();

    @Override
    public synchronized void upsert(DocumentRecord document, List<ChunkRecord> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk");
        }
        documents.put(document.id(), new Stored(document, List.copyOf(chunks), List.copyOf(vectors)));
        upserts.incrementAndGet();
    }

    public int upsertCount() {
        return upserts.get();
    }

    @Override
    public synchronized boolean delete(String documentId) {
        return documents.remove(documentId) != null;
    }

    @Override
    public synchronized Optional<DocumentRecord> document(String documentId) {
        return Optional.ofNullable(documents.get(documentId)).map(Stored::document);
    }

    @Override
    public synchronized List<ChunkRecord> chunks(String documentId) {
        var stored = documents.get(documentId);
        return stored == null ? List.of() : stored.chunks();
    }

    @Override
    public synchronized Optional<EmbeddedChunks> embeddedChunks(String documentId) {
        return Optional.ofNullable(documents.get(documentId))
                .map(stored -> new EmbeddedChunks(stored.chunks(), stored.vectors()));
    }

    @Override
    public synchronized List<ScoredChunk> search(IndexQuery query) {
        var scored = new ArrayList<ScoredChunk>();
        for (Stored stored : documents.values()) {
            if (!query.filter().matches(stored.document())) {
                continue;
            }
            for (int i = 0; i < stored.chunks().size(); i++) {
                ChunkRecord chunk = stored.chunks().get(i);
                double score = query.mode() == SearchMode.KEYWORD ? overlap(query.text(), chunk.text())
                        : Vectors.dot(query.vector(), stored.vectors().get(i));
                if (query.mode() != SearchMode.KEYWORD || score > 0) {
                    scored.add(query.mode() == SearchMode.KEYWORD ? new ScoredChunk(score, stored.document(), chunk)
                            : ScoredChunk.semantic(score, stored.document(), chunk));
                }
            }
        }
        scored.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
        return List.copyOf(scored.subList(0, Math.min(query.topK(), scored.size())));
    }

    private static double overlap(String query, String text) {
        var words = Set.copyOf(java.util.Arrays.asList(text.toLowerCase(Locale.ROOT).split("\\W+"))); // a passage repeats words
        double hits = 0;
        for (String word : query.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty() && words.contains(word)) {
                hits++;
            }
        }
        return hits;
    }

    @Override
    public synchronized DocumentPage list(DocumentQuery query) {
        var matching = documents.values().stream().map(Stored::document).filter(query.filter()::matches)
                .sorted(query.sort() == DocumentQuery.Sort.TITLE ? Comparator.comparing(DocumentRecord::title)
                        .thenComparing(DocumentRecord::id)
                        : Comparator.comparing(DocumentRecord::ingestedAt).reversed().thenComparing(DocumentRecord::id))
                .toList();
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int to = Math.min(matching.size(), from + query.limit());
        return new DocumentPage(matching.subList(from, to), to < matching.size() ? Integer.toString(to) : null);
    }

    @Override
    public synchronized IndexStats stats() {
        return new IndexStats(documents.size(), documents.values().stream().mapToLong(s -> s.chunks().size()).sum());
    }

    @Override
    public Set<SearchMode> supportedModes() {
        return Set.of(SearchMode.HYBRID, SearchMode.SEMANTIC, SearchMode.KEYWORD);
    }

    @Override
    public void close() {
    }
}
