package app.alex.api;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.search.SearchHit;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of results and documents, shared by the HTTP API and the command line's --json. */
public final class ApiViews {
    private ApiViews() {
    }

    public static Map<String, Object> searchHit(SearchHit hit) {
        var out = new LinkedHashMap<String, Object>();
        // relevance: a percentage a person can read (null in keyword mode); rank_score: the raw
        // ranking score, meaningful only as an order within one list. "score" stays for older clients.
        out.put("relevance", hit.relevance());
        out.put("rank_score", hit.score());
        out.put("score", hit.score());
        out.put("text", hit.text());
        out.put("document_id", hit.documentId());
        out.put("title", hit.title());
        out.put("source", hit.source());
        out.put("type", hit.type().wireName());
        out.put("tags", hit.tags());
        out.put("date", hit.date().toString());
        out.put("page", hit.page());
        out.put("chunk_index", hit.chunkIndex());
        out.put("start_offset", hit.startOffset());
        out.put("end_offset", hit.endOffset());
        return out;
    }

    public static Map<String, Object> document(DocumentRecord d) {
        var out = new LinkedHashMap<String, Object>();
        out.put("document_id", d.id());
        out.put("title", d.title());
        out.put("source", d.source());
        out.put("type", d.type().wireName());
        out.put("tags", d.tags());
        out.put("date", d.date().toString());
        out.put("ingested_at", d.ingestedAt().toString());
        out.put("chunk_count", d.chunkCount());
        out.put("char_count", d.charCount());
        out.put("media_type", d.mediaType());
        out.put("content_hash", d.contentHash());
        out.put("metadata", d.attributes());
        return out;
    }

    public static Map<String, Object> chunk(ChunkRecord c) {
        var out = new LinkedHashMap<String, Object>();
        out.put("index", c.index());
        out.put("text", c.text());
        out.put("page", c.page());
        out.put("start_offset", c.startOffset());
        out.put("end_offset", c.endOffset());
        return out;
    }
}
