package app.alex.core.search;

import app.alex.core.document.DocumentType;
import app.alex.core.index.ScoredChunk;

import java.time.Instant;
import java.util.List;

/**
 * One ranked passage, flattened for transports and views.
 *
 * @param score     the ranking score: cosine (semantic), reciprocal-rank sum (hybrid) or BM25
 *                  (keyword); only its order within one list means anything
 * @param relevance how close the passage's meaning is to the query, as a percentage a person can
 *                  read: the cosine similarity of the two vectors, clamped to 0..1, times 100. The
 *                  same figure in every mode and every list; null when nothing was compared by
 *                  meaning (keyword search)
 * @param section   the heading path of the passage's section ("Item 1A. Risk Factors"), "" if none
 * @param alsoIn    the other documents among the search's candidates that hold this very passage
 *                  (their sources, or ids where they have none), shown once here rather than as
 *                  repeats of one text further down
 */
public record SearchHit(double score, Integer relevance, String documentId, String title, String source,
                        DocumentType type, List<String> tags, Instant date, String text, int page, int chunkIndex,
                        int startOffset, int endOffset, String section, List<String> alsoIn) {

    public SearchHit {
        section = section == null ? "" : section;
        alsoIn = alsoIn == null ? List.of() : List.copyOf(alsoIn);
        if (relevance != null && (relevance < 0 || relevance > 100)) {
            throw new IllegalArgumentException("relevance is a percentage: " + relevance);
        }
    }

    /** A hit whose passage no other document repeats. */
    public SearchHit(double score, Integer relevance, String documentId, String title, String source,
                     DocumentType type, List<String> tags, Instant date, String text, int page, int chunkIndex,
                     int startOffset, int endOffset, String section) {
        this(score, relevance, documentId, title, source, type, tags, date, text, page, chunkIndex, startOffset,
                endOffset, section, List.of());
    }

    /** This hit, naming the other documents that hold the same passage. */
    public SearchHit withAlsoIn(List<String> others) {
        return new SearchHit(score, relevance, documentId, title, source, type, tags, date, text, page, chunkIndex,
                startOffset, endOffset, section, others);
    }

    /** The passage's words with spacing made uniform: two hits with equal ones hold the same passage. */
    public String sameTextKey() {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Where the hit's document came from: its source, or its id when it has none. */
    public String origin() {
        return source == null || source.isEmpty() ? documentId : source;
    }

    /** A hit outside any section. */
    public SearchHit(double score, Integer relevance, String documentId, String title, String source,
                     DocumentType type, List<String> tags, Instant date, String text, int page, int chunkIndex,
                     int startOffset, int endOffset) {
        this(score, relevance, documentId, title, source, type, tags, date, text, page, chunkIndex, startOffset,
                endOffset, "");
    }

    /**
     * {@code mode} is the mode the index ranked by: an index that answers every mode semantically
     * (S3 Vectors) gives cosines as scores.
     */
    public static SearchHit of(ScoredChunk scored, SearchMode mode) {
        var d = scored.document();
        var c = scored.chunk();
        double cosine = !Double.isNaN(scored.cosine()) ? scored.cosine()
                : mode == SearchMode.SEMANTIC ? scored.score() : Double.NaN;
        return new SearchHit(scored.score(), relevancePercent(cosine), d.id(), d.title(), d.source(), d.type(), d.tags(),
                d.date(), c.text(), c.page(), c.index(), c.startOffset(), c.endOffset(), c.section());
    }

    /** Cosine to a whole percentage; null for NaN (not compared). */
    public static Integer relevancePercent(double cosine) {
        return Double.isNaN(cosine) ? null : (int) Math.round(Math.max(0, Math.min(1, cosine)) * 100);
    }
}
