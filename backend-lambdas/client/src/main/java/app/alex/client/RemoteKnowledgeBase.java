package app.alex.client;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.backend.KnowledgeBaseJson;
import app.alex.core.extract.ExtractedDocument.PageSpan;
import app.alex.core.extract.ExtractedDocument.SectionSpan;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.ingest.DocumentIds;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;

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
     * {@code part_of} and {@code part}), each with the page spans that fall inside it, and parts
     * left over from a longer earlier version are deleted. The result names the first part and
     * counts the passages of all. The id and title are derived as the server would
     * ({@link DocumentIds#idFor}, {@link DocumentIds#titleFor}).
     */
    @Override
    public IngestResult ingest(TextIngestRequest request) {
        if (request.text() == null || request.text().length() <= PART_CHARS) {
            return ingestOne(request);
        }
        List<Part> parts = split(request.text(), request.pages(), request.sections(), PART_CHARS);
        String base = DocumentIds.idFor(request);
        String title = DocumentIds.titleFor(request);
        IngestResult first = null;
        int chunks = 0;
        int embedded = 0;
        Set<IngestStatus> statuses = EnumSet.noneOf(IngestStatus.class);
        for (int i = 0; i < parts.size(); i++) {
            var attributes = new LinkedHashMap<>(request.attributes());
            attributes.put("part_of", base);
            attributes.put("part", (i + 1) + "/" + parts.size());
            Part part = parts.get(i);
            var result = ingestOne(new TextIngestRequest(base + "-part-" + (i + 1), part.text(),
                    title + " (part " + (i + 1) + " of " + parts.size() + ")", request.source(), request.type(),
                    request.tags(), request.date(), request.mediaType(), attributes, part.pages(), part.sections()));
            first = first == null ? result : first;
            chunks += result.chunkCount();
            embedded += result.embeddedChunks();
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
        IngestStatus status = statuses.size() == 1 ? statuses.iterator().next() : IngestStatus.REPLACED;
        return new IngestResult(request.source() == null || request.source().isBlank() ? first.documentId()
                : request.source(), status, first.documentId(), title, chunks, null, null, embedded);
    }

    /** One part of a long text, with its pages and sections counted from the part's own start. */
    record Part(String text, List<PageSpan> pages, List<SectionSpan> sections) {
    }

    /**
     * Cuts at the last paragraph break (else sentence end, else space) before each limit; each part
     * keeps the pages that overlap it, clipped and shifted to its own offsets, so its passages get
     * the page numbers they would get in the whole text; sections likewise, so every passage keeps
     * its section path.
     */
    static List<Part> split(String text, List<PageSpan> pages, List<SectionSpan> sections, int limit) {
        List<Part> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int cut = text.length() - start > limit ? cut(text, start, limit) : text.length();
            var partPages = new ArrayList<PageSpan>();
            for (PageSpan page : pages) {
                int from = Math.max(page.start(), start);
                int to = Math.min(page.end(), cut);
                if (from < to) {
                    partPages.add(new PageSpan(page.number(), from - start, to - start));
                }
            }
            var partSections = new ArrayList<SectionSpan>();
            for (SectionSpan section : sections) {
                int from = Math.max(section.start(), start);
                int to = Math.min(section.end(), cut);
                if (from < to) {
                    partSections.add(new SectionSpan(section.path(), from - start, to - start));
                }
            }
            parts.add(new Part(text.substring(start, cut), partPages, partSections));
            start = cut;
        }
        return parts;
    }

    /** Texts alone (the pages of a text without pages are none). */
    static List<String> split(String text, int limit) {
        return split(text, List.of(), List.of(), limit).stream().map(Part::text).toList();
    }

    private static int cut(String text, int start, int limit) {
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
        return cut;
    }

    private IngestResult ingestOne(TextIngestRequest request) {
        IngestResult result = KnowledgeBaseJson.ingestResult(send("POST", "/ingest",
                json.valueToTree(KnowledgeBaseJson.ingestRequest(request))));
        return request.source() == null || request.source().isBlank() ? result
                : new IngestResult(request.source(), result.status(), result.documentId(), result.title(),
                result.chunkCount(), result.errorCode(), result.error(), result.embeddedChunks());
    }

    @Override
    public SearchResponse search(SearchRequest request) {
        return KnowledgeBaseJson.searchResponse(send("POST", "/search",
                json.valueToTree(KnowledgeBaseJson.searchRequest(request))));
    }

    @Override
    public DocumentPage documents(DocumentQuery query) {
        var params = new StringBuilder();
        KnowledgeBaseJson.documentQuery(query).forEach((name, value) -> params.append(params.isEmpty() ? '?' : '&')
                .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return KnowledgeBaseJson.documentPage(send("GET", "/documents" + params, null));
    }

    @Override
    public DocumentRecord document(String id) {
        return KnowledgeBaseJson.document(send("GET", "/documents/" + encode(id), null));
    }

    @Override
    public List<ChunkRecord> chunks(String id) {
        return KnowledgeBaseJson.chunks(send("GET", "/documents/" + encode(id) + "?include=chunks", null));
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

    private JsonNode send(String method, String path, JsonNode body) {
        return http.send(method, path, body);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
