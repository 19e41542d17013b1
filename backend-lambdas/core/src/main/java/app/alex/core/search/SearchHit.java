package app.alex.core.search;

import app.alex.core.document.DocumentType;
import app.alex.core.index.ScoredChunk;

import java.time.Instant;
import java.util.List;

/** One ranked passage, flattened for transports and views. */
public record SearchHit(double score, String documentId, String title, String source, DocumentType type,
                        List<String> tags, Instant date, String text, int page, int chunkIndex, int startOffset,
                        int endOffset) {

    public static SearchHit of(ScoredChunk scored) {
        var d = scored.document();
        var c = scored.chunk();
        return new SearchHit(scored.score(), d.id(), d.title(), d.source(), d.type(), d.tags(), d.date(), c.text(),
                c.page(), c.index(), c.startOffset(), c.endOffset());
    }
}
