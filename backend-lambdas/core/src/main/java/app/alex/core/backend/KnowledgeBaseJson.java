package app.alex.core.backend;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument.PageSpan;
import app.alex.core.extract.ExtractedDocument.SectionSpan;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The wire shape of the knowledge-base API (snake_case), written and read here only: the server
 * ({@code ApiRouter}, for the local server and the Lambdas) and the remote client use the same
 * functions, so the two cannot drift. Writers return plain maps and lists for any JSON mapper;
 * readers take a parsed tree and throw {@link AlexException} BAD_REQUEST with a message a person
 * understands for a shape they cannot read.
 */
public final class KnowledgeBaseJson {
    /** Metadata keys with a meaning of their own; every other key is kept as a string attribute. */
    private static final Set<String> RESERVED_METADATA = Set.of("title", "source", "url", "type", "tags", "tickers",
            "ticker", "date", "media_type");

    private KnowledgeBaseJson() {
    }

    // --- ingest ---------------------------------------------------------------------------

    /** {@code POST /ingest} body: the seed researcher's {@code {"text", "metadata"}} plus id and page spans. */
    public static Map<String, Object> ingestRequest(TextIngestRequest request) {
        var body = new LinkedHashMap<String, Object>();
        body.put("text", request.text());
        if (request.id() != null) {
            body.put("id", request.id());
        }
        var metadata = new LinkedHashMap<String, Object>(request.attributes());
        putIfPresent(metadata, "title", request.title());
        putIfPresent(metadata, "source", request.source());
        putIfPresent(metadata, "media_type", request.mediaType());
        if (request.type() != null) {
            metadata.put("type", request.type().wireName());
        }
        if (request.date() != null) {
            metadata.put("date", request.date().toString());
        }
        metadata.put("tags", request.tags());
        body.put("metadata", metadata);
        if (!request.pages().isEmpty()) {
            body.put("pages", request.pages().stream().map(KnowledgeBaseJson::page).toList());
        }
        if (!request.sections().isEmpty()) {
            body.put("sections", request.sections().stream().map(KnowledgeBaseJson::section).toList());
        }
        return body;
    }

    /**
     * Reads an ingest body. Title, source ({@code url} too), type, tags ({@code tickers},
     * {@code ticker}), date and media type may sit at the top level or in {@code metadata}; other
     * metadata is kept as attributes.
     */
    public static TextIngestRequest ingestRequest(JsonNode body) {
        JsonNode textNode = body.path("text");
        if (!textNode.isTextual() || textNode.asText().isBlank()) {
            throw AlexException.badRequest("'text' is required: the text to ingest, as a non-empty string.");
        }
        JsonNode metadata = body.path("metadata");
        if (!metadata.isMissingNode() && !metadata.isNull() && !metadata.isObject()) {
            throw AlexException.badRequest("'metadata' must be a JSON object.");
        }
        var tags = new ArrayList<String>();
        for (String field : List.of("tags", "tickers", "ticker")) {
            tags.addAll(strings(body.path(field), "'" + field + "'"));
            tags.addAll(strings(metadata.path(field), "'" + field + "'"));
        }
        var attributes = new LinkedHashMap<String, String>();
        metadata.properties().forEach(e -> {
            if (!RESERVED_METADATA.contains(e.getKey())) {
                attributes.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        String type = firstText(body, metadata, "type");
        String date = firstText(body, metadata, "date");
        JsonNode id = body.path("id");
        if (!id.isMissingNode() && !id.isNull() && !id.isTextual()) {
            throw AlexException.badRequest("'id' must be a string.");
        }
        return new TextIngestRequest(id.isTextual() ? id.asText() : null, textNode.asText(),
                firstText(body, metadata, "title"), firstText(body, metadata, "source", "url"),
                type == null ? null : DocumentType.parse(type), tags, date == null ? null : date(date, "date"),
                firstText(body, metadata, "media_type"), attributes, pages(body.path("pages")),
                sections(body.path("sections")));
    }

    public static Map<String, Object> page(PageSpan page) {
        var out = new LinkedHashMap<String, Object>();
        out.put("number", page.number());
        out.put("start", page.start());
        out.put("end", page.end());
        return out;
    }

    private static List<PageSpan> pages(JsonNode pages) {
        if (pages.isMissingNode() || pages.isNull()) {
            return List.of();
        }
        if (!pages.isArray()) {
            throw AlexException.badRequest("'pages' must be an array of {\"number\", \"start\", \"end\"} objects.");
        }
        var out = new ArrayList<PageSpan>();
        for (JsonNode page : pages) {
            if (!page.path("number").canConvertToInt() || !page.path("start").canConvertToInt()
                    || !page.path("end").canConvertToInt() || !page.path("number").isIntegralNumber()
                    || !page.path("start").isIntegralNumber() || !page.path("end").isIntegralNumber()) {
                throw AlexException.badRequest("Each of 'pages' must be {\"number\", \"start\", \"end\"} with whole numbers.");
            }
            out.add(new PageSpan(page.path("number").asInt(), page.path("start").asInt(), page.path("end").asInt()));
        }
        return out;
    }

    public static Map<String, Object> section(SectionSpan section) {
        var out = new LinkedHashMap<String, Object>();
        out.put("path", section.path());
        out.put("start", section.start());
        out.put("end", section.end());
        return out;
    }

    private static List<SectionSpan> sections(JsonNode sections) {
        if (sections.isMissingNode() || sections.isNull()) {
            return List.of();
        }
        if (!sections.isArray()) {
            throw AlexException.badRequest("'sections' must be an array of {\"path\", \"start\", \"end\"} objects.");
        }
        var out = new ArrayList<SectionSpan>();
        for (JsonNode section : sections) {
            if (!section.path("path").isTextual() || !section.path("start").isIntegralNumber()
                    || !section.path("end").isIntegralNumber() || !section.path("start").canConvertToInt()
                    || !section.path("end").canConvertToInt()) {
                throw AlexException.badRequest(
                        "Each of 'sections' must be {\"path\": text, \"start\", \"end\": whole numbers}.");
            }
            out.add(new SectionSpan(section.path("path").asText(), section.path("start").asInt(),
                    section.path("end").asInt()));
        }
        return out;
    }

    public static Map<String, Object> ingestResult(IngestResult result) {
        var out = new LinkedHashMap<String, Object>();
        out.put("document_id", result.documentId());
        out.put("status", result.status().wireName());
        out.put("chunk_count", result.chunkCount());
        out.put("embedded_chunks", result.embeddedChunks());
        out.put("title", result.title());
        out.put("source", result.source());
        if (result.errorCode() != null) {
            out.put("error", error(result.errorCode(), result.error()));
        }
        return out;
    }

    public static IngestResult ingestResult(JsonNode n) {
        JsonNode error = n.path("error");
        IngestStatus status = IngestStatus.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT));
        int chunks = n.path("chunk_count").asInt();
        return new IngestResult(n.path("source").asText(n.path("document_id").asText()), status,
                text(n.path("document_id")), text(n.path("title")), chunks,
                error.isObject() ? ErrorCode.valueOf(error.path("code").asText().toUpperCase(Locale.ROOT)) : null,
                error.isObject() ? error.path("message").asText() : null,
                n.path("embedded_chunks").isInt() ? n.path("embedded_chunks").asInt() : IngestResult.embeddedByDefault(status, chunks));
    }

    // --- search ---------------------------------------------------------------------------

    public static Map<String, Object> searchRequest(SearchRequest request) {
        var body = new LinkedHashMap<String, Object>();
        body.put("query", request.query());
        body.put("top_k", request.topK());
        body.put("mode", request.mode().wireName());
        body.put("filter", filter(request.filter()));
        return body;
    }

    public static SearchRequest searchRequest(JsonNode body) {
        String query = body.path("query").asText(null);
        if (query == null || query.isBlank()) {
            throw AlexException.badRequest("'query' is required: what to search for.");
        }
        JsonNode topK = body.path("top_k");
        if (!topK.isMissingNode() && !topK.canConvertToInt()) {
            throw AlexException.badRequest("'top_k' must be a whole number between 1 and 100.");
        }
        return new SearchRequest(query, topK.isMissingNode() ? SearchRequest.DEFAULT_TOP_K : topK.asInt(),
                filter(body.path("filter")), SearchMode.parse(body.path("mode").asText(null)));
    }

    public static Map<String, Object> searchResponse(SearchResponse response) {
        var out = new LinkedHashMap<String, Object>();
        out.put("query", response.query());
        out.put("mode", response.mode().wireName());
        out.put("results", response.results().stream().map(KnowledgeBaseJson::searchHit).toList());
        out.put("took_ms", response.tookMillis());
        return out;
    }

    public static SearchResponse searchResponse(JsonNode n) {
        var hits = new ArrayList<SearchHit>();
        n.path("results").forEach(hit -> hits.add(searchHit(hit)));
        return new SearchResponse(n.path("query").asText(), SearchMode.parse(n.path("mode").asText(null)), hits,
                n.path("took_ms").asLong());
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
        out.put("section", hit.section());
        out.put("also_in", hit.alsoIn());
        return out;
    }

    public static SearchHit searchHit(JsonNode hit) {
        return new SearchHit(hit.path("score").asDouble(),
                hit.path("relevance").isIntegralNumber() ? hit.path("relevance").asInt() : null,
                hit.path("document_id").asText(), hit.path("title").asText(),
                hit.path("source").asText(), DocumentType.parse(hit.path("type").asText(null)),
                strings(hit.path("tags"), "'tags'"), instant(hit.path("date")), hit.path("text").asText(),
                hit.path("page").asInt(), hit.path("chunk_index").asInt(), hit.path("start_offset").asInt(),
                hit.path("end_offset").asInt(), hit.path("section").asText(""),
                strings(hit.path("also_in"), "'also_in'"));
    }

    /** A filter as JSON; only the restrictions it has. */
    public static Map<String, Object> filter(SearchFilter filter) {
        var out = new LinkedHashMap<String, Object>();
        out.put("types", filter.types().stream().map(DocumentType::wireName).sorted().toList());
        out.put("tags", filter.tags().stream().sorted().toList());
        if (filter.sourcePrefix() != null) {
            out.put("source", filter.sourcePrefix());
        }
        if (filter.since() != null) {
            out.put("since", filter.since().toString());
        }
        if (filter.until() != null) {
            out.put("until", filter.until().toString());
        }
        return out;
    }

    /** Reads a filter; {@code type}/{@code types} and {@code tags}/{@code tickers}/{@code tag}/{@code ticker} alike. */
    public static SearchFilter filter(JsonNode filter) {
        if (filter.isMissingNode() || filter.isNull()) {
            return SearchFilter.NONE;
        }
        if (!filter.isObject()) {
            throw AlexException.badRequest("'filter' must be a JSON object.");
        }
        var types = new LinkedHashSet<DocumentType>();
        for (String field : List.of("type", "types")) {
            strings(filter.path(field), "'" + field + "'").forEach(t -> types.add(DocumentType.parse(t)));
        }
        var tags = new LinkedHashSet<String>();
        for (String field : List.of("tags", "tickers", "tag", "ticker")) {
            tags.addAll(strings(filter.path(field), "'" + field + "'"));
        }
        String source = filter.path("source").asText(null);
        return new SearchFilter(types, tags, source, optionalDate(filter, "since"), optionalDate(filter, "until"));
    }

    // --- documents ------------------------------------------------------------------------

    /** The query parameters of {@code GET /documents}; several types or tags are comma-separated. */
    public static Map<String, String> documentQuery(DocumentQuery query) {
        var params = new LinkedHashMap<String, String>();
        params.put("limit", Integer.toString(query.limit()));
        if (query.cursor() != null) {
            params.put("cursor", query.cursor());
        }
        if (query.sort() == DocumentQuery.Sort.TITLE) {
            params.put("sort", "title");
        }
        var f = query.filter();
        if (!f.types().isEmpty()) {
            params.put("type", String.join(",", f.types().stream().map(DocumentType::wireName).sorted().toList()));
        }
        if (!f.tags().isEmpty()) {
            params.put("tags", String.join(",", f.tags().stream().sorted().toList()));
        }
        if (f.sourcePrefix() != null) {
            params.put("source", f.sourcePrefix());
        }
        if (f.since() != null) {
            params.put("since", f.since().toString());
        }
        if (f.until() != null) {
            params.put("until", f.until().toString());
        }
        return params;
    }

    public static DocumentQuery documentQuery(Map<String, String> params) {
        int limit;
        try {
            limit = Integer.parseInt(params.getOrDefault("limit", "50").strip());
        } catch (NumberFormatException e) {
            throw AlexException.badRequest("'limit' must be a whole number between 1 and " + DocumentQuery.MAX_LIMIT + ".");
        }
        return documentQuery(params, limit);
    }

    /** The listing with a page size the transport already parsed (the HTTP edge's one limit parser). */
    public static DocumentQuery documentQuery(Map<String, String> params, int limit) {
        var types = new LinkedHashSet<DocumentType>();
        strings(params.get("type")).forEach(t -> types.add(DocumentType.parse(t)));
        var tags = new LinkedHashSet<String>(strings(params.get("tags")));
        var filter = new SearchFilter(types, tags, params.get("source"), optionalDate(params.get("since"), "since"),
                optionalDate(params.get("until"), "until"));
        String sort = params.getOrDefault("sort", "newest");
        var order = switch (sort) {
            case "title" -> DocumentQuery.Sort.TITLE;
            case "newest", "" -> DocumentQuery.Sort.NEWEST_INGESTED;
            default -> throw AlexException.badRequest("'sort' takes newest or title, not '" + sort + "'.");
        };
        return new DocumentQuery(filter, params.get("cursor"), limit, order);
    }

    public static Map<String, Object> documentPage(DocumentPage page) {
        var out = new LinkedHashMap<String, Object>();
        out.put("documents", page.documents().stream().map(KnowledgeBaseJson::document).toList());
        out.put("next_cursor", page.nextCursor());
        return out;
    }

    public static DocumentPage documentPage(JsonNode n) {
        var documents = new ArrayList<DocumentRecord>();
        n.path("documents").forEach(d -> documents.add(document(d)));
        return new DocumentPage(documents, n.path("next_cursor").isTextual() ? n.path("next_cursor").asText() : null);
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

    public static DocumentRecord document(JsonNode d) {
        Map<String, String> attributes = new LinkedHashMap<>();
        d.path("metadata").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return new DocumentRecord(d.path("document_id").asText(), d.path("title").asText(), d.path("source").asText(),
                DocumentType.parse(d.path("type").asText(null)), strings(d.path("tags"), "'tags'"),
                instant(d.path("date")), instant(d.path("ingested_at")), d.path("content_hash").asText(),
                d.path("chunk_count").asInt(), d.path("char_count").asLong(), text(d.path("media_type")), attributes);
    }

    /** A document with its passages ({@code GET /documents/{id}?include=chunks}). */
    public static Map<String, Object> document(DocumentRecord d, List<ChunkRecord> chunks) {
        Map<String, Object> out = document(d);
        out.put("chunks", chunks.stream().map(KnowledgeBaseJson::chunk).toList());
        return out;
    }

    public static Map<String, Object> chunk(ChunkRecord c) {
        var out = new LinkedHashMap<String, Object>();
        out.put("index", c.index());
        out.put("text", c.text());
        out.put("page", c.page());
        out.put("start_offset", c.startOffset());
        out.put("end_offset", c.endOffset());
        out.put("token_count", c.tokenCount());
        out.put("section", c.section());
        return out;
    }

    /** The chunks of a document response, which carries the document id once. */
    public static List<ChunkRecord> chunks(JsonNode document) {
        String id = document.path("document_id").asText();
        var out = new ArrayList<ChunkRecord>();
        for (JsonNode c : document.path("chunks")) {
            out.add(new ChunkRecord(id, c.path("index").asInt(), c.path("text").asText(), c.path("page").asInt(),
                    c.path("start_offset").asInt(), c.path("end_offset").asInt(), c.path("token_count").asInt(),
                    c.path("section").asText("")));
        }
        return out;
    }

    public static Map<String, Object> stats(IndexStats stats) {
        var out = new LinkedHashMap<String, Object>();
        out.put("documents", stats.documents());
        out.put("chunks", stats.chunks());
        return out;
    }

    public static IndexStats stats(JsonNode n) {
        return new IndexStats(n.path("documents").asLong(), n.path("chunks").asLong());
    }

    // --- errors ---------------------------------------------------------------------------

    /** {@code {"code", "message"}}, the inside of every error body. */
    public static Map<String, Object> error(ErrorCode code, String message) {
        var out = new LinkedHashMap<String, Object>();
        out.put("code", code.wireName());
        out.put("message", message);
        return out;
    }

    // --- values ---------------------------------------------------------------------------

    /** A day (2024-01-31, midnight UTC) or an instant (2024-01-31T12:00:00Z). */
    public static Instant date(String value, String field) {
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADay) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw AlexException.badRequest("'" + field + "' must be a date like 2024-01-31 or an instant like "
                        + "2024-01-31T12:00:00Z.");
            }
        }
    }

    private static Instant optionalDate(JsonNode node, String field) {
        return optionalDate(node.path(field).asText(null), field);
    }

    private static Instant optionalDate(String value, String field) {
        return value == null || value.isBlank() ? null : date(value, field);
    }

    private static String firstText(JsonNode body, JsonNode metadata, String... fields) {
        for (String field : fields) {
            for (JsonNode node : List.of(body.path(field), metadata.isObject() ? metadata.path(field) : MissingNode.getInstance())) {
                if (node.isTextual() && !node.asText().isBlank()) {
                    return node.asText();
                }
            }
        }
        return null;
    }

    /** A string (comma-separated) or an array of strings; nothing for a missing or null field. */
    private static List<String> strings(JsonNode node, String what) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return strings(node.asText());
        }
        if (node.isArray()) {
            var out = new ArrayList<String>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        }
        throw AlexException.badRequest(what + " must be a string or an array of strings.");
    }

    private static List<String> strings(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return List.of(commaSeparated.split(","));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Instant.parse(node.asText()) : Instant.EPOCH;
    }

    private static void putIfPresent(Map<String, Object> node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
