package app.alex.client;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.ingest.DocumentIds;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The knowledge base over HTTP: the deployed API Gateway or {@code alex serve}. Errors from the
 * server come back as the same {@link AlexException} codes and messages; network trouble becomes
 * a message that says what to check.
 */
public final class RemoteKnowledgeBase implements KnowledgeBase {
    private final JsonHttp http;
    private final ObjectMapper json = new ObjectMapper();

    public RemoteKnowledgeBase(URI base, String apiKey, Duration timeout) {
        this.http = new JsonHttp(base, apiKey, timeout, "Alex API");
    }

    /**
     * Told each time the API asked to be tried again later (the cloud embedding model is starting)
     * and the client waits before retrying; for a status line.
     */
    public RemoteKnowledgeBase onRetry(java.util.function.Consumer<RetryStatus> listener) {
        http.onRetry(listener);
        return this;
    }

    /** The transport, for tests in this package. */
    JsonHttp transport() {
        return http;
    }

    /**
     * Texts longer than this go up in parts: one request must fit API Gateway's 29 s (SageMaker
     * embeds about 200 passages in that time with room to spare) and Lambda's 6 MB payload.
     */
    public static final int PART_CHARS = 200_000;

    /**
     * Stores the text; a text over {@link #PART_CHARS} is split at paragraph or sentence breaks into
     * parts stored as documents {@code <id>-part-1..n} (titles "... (part k of n)", attributes
     * {@code part_of} and {@code part}), and parts left over from a longer earlier version are
     * deleted. The result names the first part and counts the passages of all.
     */
    @Override
    public IngestResult ingest(TextIngestRequest request) {
        if (request.text() == null || request.text().length() <= PART_CHARS) {
            return ingestOne(request);
        }
        List<String> parts = split(request.text(), PART_CHARS);
        String source = request.source() == null ? "" : request.source().strip();
        String base = request.id() != null ? request.id()
                : source.isEmpty() ? DocumentIds.fromContent(DocumentIds.contentHash(request.text())) : DocumentIds.fromSource(source);
        String title = request.title() != null && !request.title().isBlank() ? request.title().strip()
                : request.text().strip().lines().findFirst().orElse(base);
        title = title.length() > 200 ? title.substring(0, 200) : title;
        IngestResult first = null;
        int chunks = 0;
        java.util.Set<IngestStatus> statuses = java.util.EnumSet.noneOf(IngestStatus.class);
        for (int i = 0; i < parts.size(); i++) {
            var attributes = new java.util.LinkedHashMap<>(request.attributes());
            attributes.put("part_of", base);
            attributes.put("part", (i + 1) + "/" + parts.size());
            var result = ingestOne(new TextIngestRequest(base + "-part-" + (i + 1), parts.get(i),
                    title + " (part " + (i + 1) + " of " + parts.size() + ")", request.source(), request.type(),
                    request.tags(), request.date(), request.mediaType(), attributes));
            first = first == null ? result : first;
            chunks += result.chunkCount();
            statuses.add(result.status());
        }
        for (int extra = parts.size() + 1; ; extra++) {
            try {
                delete(base + "-part-" + extra);
            } catch (AlexException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    break;
                }
                throw e;
            }
        }
        IngestStatus status = statuses.size() == 1 ? statuses.iterator().next()
                : statuses.equals(java.util.EnumSet.of(IngestStatus.CREATED)) ? IngestStatus.CREATED : IngestStatus.REPLACED;
        return new IngestResult(first.source(), status, first.documentId(), title, chunks, null, null);
    }

    /** Cuts at the last paragraph break (else sentence end, else space) before each limit. */
    static List<String> split(String text, int limit) {
        List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        while (text.length() - start > limit) {
            int end = start + limit;
            int cut = text.lastIndexOf("\n\n", end);
            if (cut <= start + limit / 2) {
                cut = Math.max(text.lastIndexOf(". ", end), text.lastIndexOf(".\n", end)) + 1;
            }
            if (cut <= start + limit / 2) {
                cut = text.lastIndexOf(' ', end);
            }
            if (cut <= start + limit / 2) {
                cut = end;
            }
            parts.add(text.substring(start, cut));
            start = cut;
        }
        parts.add(text.substring(start));
        return parts;
    }

    private IngestResult ingestOne(TextIngestRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("text", request.text());
        if (request.id() != null) {
            body.put("id", request.id());
        }
        ObjectNode metadata = body.putObject("metadata");
        request.attributes().forEach(metadata::put);
        putIfPresent(metadata, "title", request.title());
        putIfPresent(metadata, "source", request.source());
        putIfPresent(metadata, "media_type", request.mediaType());
        if (request.type() != null) {
            metadata.put("type", request.type().wireName());
        }
        if (request.date() != null) {
            metadata.put("date", request.date().toString());
        }
        ArrayNode tags = metadata.putArray("tags");
        request.tags().forEach(tags::add);
        JsonNode out = send("POST", "/ingest", body);
        return new IngestResult(request.source() == null ? out.path("document_id").asText() : request.source(),
                IngestStatus.valueOf(out.path("status").asText().toUpperCase(Locale.ROOT)), out.path("document_id").asText(),
                out.path("title").asText(null), out.path("chunk_count").asInt(), null, null);
    }

    @Override
    public SearchResponse search(SearchRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("query", request.query());
        body.put("top_k", request.topK());
        body.put("mode", request.mode().wireName());
        ObjectNode filter = body.putObject("filter");
        var f = request.filter();
        ArrayNode types = filter.putArray("types");
        f.types().forEach(t -> types.add(t.wireName()));
        ArrayNode tags = filter.putArray("tags");
        f.tags().forEach(tags::add);
        putIfPresent(filter, "source", f.sourcePrefix());
        if (f.since() != null) {
            filter.put("since", f.since().toString());
        }
        if (f.until() != null) {
            filter.put("until", f.until().toString());
        }
        long start = System.nanoTime();
        JsonNode out = send("POST", "/search", body);
        var hits = new ArrayList<SearchHit>();
        for (JsonNode hit : out.path("results")) {
            hits.add(new SearchHit(hit.path("score").asDouble(), hit.path("document_id").asText(), hit.path("title").asText(),
                    hit.path("source").asText(), DocumentType.parse(hit.path("type").asText(null)), strings(hit.path("tags")),
                    instant(hit.path("date").asText(null)), hit.path("text").asText(), hit.path("page").asInt(),
                    hit.path("chunk_index").asInt(), hit.path("start_offset").asInt(), hit.path("end_offset").asInt()));
        }
        return new SearchResponse(request.query(), SearchMode.parse(out.path("mode").asText(null)), hits,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public DocumentPage documents(DocumentQuery query) {
        var params = new StringBuilder("?limit=").append(query.limit());
        if (query.cursor() != null) {
            params.append("&cursor=").append(URLEncoder.encode(query.cursor(), StandardCharsets.UTF_8));
        }
        if (query.sort() == DocumentQuery.Sort.TITLE) {
            params.append("&sort=title");
        }
        var f = query.filter();
        if (!f.types().isEmpty()) {
            params.append("&type=").append(f.types().iterator().next().wireName());
        }
        if (!f.tags().isEmpty()) {
            params.append("&tags=").append(URLEncoder.encode(String.join(",", f.tags()), StandardCharsets.UTF_8));
        }
        if (f.sourcePrefix() != null) {
            params.append("&source=").append(URLEncoder.encode(f.sourcePrefix(), StandardCharsets.UTF_8));
        }
        JsonNode out = send("GET", "/documents" + params, null);
        var documents = new ArrayList<DocumentRecord>();
        out.path("documents").forEach(d -> documents.add(document(d)));
        return new DocumentPage(documents, out.path("next_cursor").isTextual() ? out.path("next_cursor").asText() : null);
    }

    @Override
    public DocumentRecord document(String id) {
        return document(send("GET", "/documents/" + encode(id), null));
    }

    @Override
    public List<ChunkRecord> chunks(String id) {
        JsonNode out = send("GET", "/documents/" + encode(id) + "?include=chunks", null);
        var chunks = new ArrayList<ChunkRecord>();
        for (JsonNode c : out.path("chunks")) {
            chunks.add(new ChunkRecord(id, c.path("index").asInt(), c.path("text").asText(), c.path("page").asInt(),
                    c.path("start_offset").asInt(), c.path("end_offset").asInt(), 0));
        }
        return chunks;
    }

    @Override
    public void delete(String id) {
        send("DELETE", "/documents/" + encode(id), null);
    }

    /** Counts come from paging the listing: the API has no statistics route yet. */
    @Override
    public IndexStats stats() {
        long documents = 0;
        long chunks = 0;
        String cursor = null;
        do {
            DocumentPage page = documents(new DocumentQuery(null, cursor, DocumentQuery.MAX_LIMIT, null));
            documents += page.documents().size();
            chunks += page.documents().stream().mapToLong(DocumentRecord::chunkCount).sum();
            cursor = page.nextCursor();
        } while (cursor != null);
        return new IndexStats(documents, chunks);
    }

    private DocumentRecord document(JsonNode d) {
        Map<String, String> attributes = new HashMap<>();
        d.path("metadata").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return new DocumentRecord(d.path("document_id").asText(), d.path("title").asText(), d.path("source").asText(),
                DocumentType.parse(d.path("type").asText(null)), strings(d.path("tags")), instant(d.path("date").asText(null)),
                instant(d.path("ingested_at").asText(null)), d.path("content_hash").asText(), d.path("chunk_count").asInt(),
                d.path("char_count").asLong(), d.path("media_type").asText(null), attributes);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        return http.send(method, path, body);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Instant instant(String value) {
        return value == null || value.isBlank() ? Instant.EPOCH : Instant.parse(value);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
