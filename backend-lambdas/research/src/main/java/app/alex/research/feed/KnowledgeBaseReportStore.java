package app.alex.research.feed;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.search.SearchFilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The research feed, kept in the knowledge base wherever it runs: the embedded Lucene index, the
 * cloud's S3 Vectors (the researcher Lambda or App Runner service has no disk of its own), or a
 * remote API. A report is one document of type research:
 * <ul>
 *   <li>its <b>text</b> is the report's plain text (Markdown markup removed), chunked and embedded
 *       like any document, so research is searchable and citable;</li>
 *   <li>the <b>report itself</b>, every field as the API writes it, is data beside those passages:
 *       the attribute {@value #REPORT_ATTRIBUTE} (see {@link StoredReport}). Reading a report back
 *       reads that, never the passages, so citations keep their document ids and pages, and the
 *       read state is kept with it.</li>
 * </ul>
 * Why an attribute, and not a chunk or a record kind of its own: attributes already travel through
 * every adapter and the HTTP API unchanged, they are written in the same atomic replacement as the
 * passages (a reader sees the old report or the new one, never a report without its text), and
 * they sit in the document record, which S3 Vectors keeps in a non-filterable key (only its 2 KB of
 * filterable keys are limited more tightly), so listing the feed reads records, not passages. The
 * price is the 40 KB a record may hold: the report goes in compressed, with a budget
 * ({@link StoredReport#MAX_ENCODED_CHARS}) that leaves room for the rest.
 *
 * <p>Marking a report read stores it again with {@code read} set: the text is unchanged, the
 * attribute is not, so the knowledge base replaces the document, with the vectors it already holds
 * for that text (no model call, in the cloud no SageMaker request). The feed lists every research
 * document that carries a report (a feed holds hundreds, not millions), newest first by creation
 * time, so topic and unread filters give full pages and the unread count is exact. Documents of
 * type research without the attribute (ingested by other tools) are searchable documents, not
 * feed entries.
 */
public final class KnowledgeBaseReportStore implements ReportStore {
    public static final String REPORT_ATTRIBUTE = "report";
    private static final SearchFilter RESEARCH = new SearchFilter(EnumSet.of(DocumentType.RESEARCH), Set.of(), null, null, null);
    /** Each listed record carries its report (at most 30 KB encoded): 100 a page stay well inside Lambda's 6 MB response. */
    private static final int LIST_PAGE = 100;
    /** At most this much report JSON in one feed page (Lambda responses are capped at 6 MB). */
    static final long MAX_PAGE_BYTES = 4_000_000;
    private static final Comparator<ResearchReport> NEWEST_FIRST =
            Comparator.comparing(ResearchReport::createdAt).thenComparing(ResearchReport::id).reversed();

    private final KnowledgeBase knowledgeBase;

    public KnowledgeBaseReportStore(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    @Override
    public ResearchReport save(ResearchReport report) {
        ResearchReport stored = StoredReport.fitted(report);
        var attributes = new LinkedHashMap<String, String>();
        attributes.put("topic", stored.topic());
        attributes.put("model", stored.model());
        attributes.put("trigger", stored.trigger().name().toLowerCase(Locale.ROOT));
        attributes.put(REPORT_ATTRIBUTE, StoredReport.encode(stored));
        knowledgeBase.ingest(new TextIngestRequest(stored.id(), StoredReport.plainText(stored.markdown()), stored.title(),
                "alex://research/" + stored.id(), DocumentType.RESEARCH, stored.tickers(), stored.createdAt(), "text/plain",
                attributes));
        return stored;
    }

    @Override
    public FeedPage page(FeedQuery query) {
        List<ResearchReport> all = all();
        List<ResearchReport> matching = all.stream().filter(r -> matches(r, query)).sorted(NEWEST_FIRST).toList();
        long unread = all.stream().filter(r -> !r.read()).count();
        int start = 0;
        if (query.cursor() != null) {
            String after = decodeCursor(query.cursor());
            start = matching.size();
            for (int i = 0; i < matching.size(); i++) {
                if (key(matching.get(i)).compareTo(after) < 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = start;
        long bytes = 0;
        while (end < matching.size() && end - start < query.limit()) {
            bytes += approximateJsonBytes(matching.get(end));
            if (end > start && bytes > MAX_PAGE_BYTES) {
                break;
            }
            end++;
        }
        List<ResearchReport> page = matching.subList(start, end);
        String next = end < matching.size() ? encodeCursor(key(page.getLast())) : null;
        return new FeedPage(page, next, unread);
    }

    @Override
    public Optional<ResearchReport> get(String id) {
        DocumentRecord d;
        try {
            d = knowledgeBase.document(id);
        } catch (AlexException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return report(d);
    }

    @Override
    public boolean markRead(String id, boolean read) {
        Optional<ResearchReport> found = get(id);
        if (found.isEmpty()) {
            return false;
        }
        ResearchReport r = found.get();
        if (r.read() != read) {
            save(new ResearchReport(r.id(), r.topic(), r.title(), r.markdown(), r.citations(), r.createdAt(), r.model(),
                    r.extractive(), r.trigger(), r.tickers(), read));
        }
        return true;
    }

    /** A page's reports go out whole; a page of long ones is cut short (with a cursor) to stay inside Lambda's 6 MB response. */
    private static long approximateJsonBytes(ResearchReport r) {
        long bytes = 500L + r.markdown().length() + r.topic().length() + r.title().length();
        for (var c : r.citations()) {
            bytes += 150L + c.title().length() + c.source().length() + (c.quote() == null ? 0 : c.quote().length());
        }
        return bytes;
    }

    private List<ResearchReport> all() {
        List<ResearchReport> out = new ArrayList<>();
        String cursor = null;
        do {
            DocumentPage page = knowledgeBase.documents(new DocumentQuery(RESEARCH, cursor, LIST_PAGE,
                    DocumentQuery.Sort.NEWEST_INGESTED));
            page.documents().forEach(d -> report(d).ifPresent(out::add));
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    private static Optional<ResearchReport> report(DocumentRecord d) {
        String stored = d.attributes().get(REPORT_ATTRIBUTE);
        if (d.type() != DocumentType.RESEARCH || stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredReport.decode(stored));
        } catch (IllegalArgumentException e) {
            // A damaged record must not take the whole feed down: skip it, and say which and why.
            System.err.println("Warning: research document " + d.id() + " has an unreadable report and is left out of the feed ("
                    + e.getMessage() + ").");
            return Optional.empty();
        }
    }

    static boolean matches(ResearchReport r, FeedQuery q) {
        if (q.unreadOnly() && r.read()) {
            return false;
        }
        if (q.topicOrTicker() == null || q.topicOrTicker().isBlank()) {
            return true;
        }
        String needle = q.topicOrTicker().strip().toLowerCase(Locale.ROOT);
        return r.topic().toLowerCase(Locale.ROOT).contains(needle) || r.title().toLowerCase(Locale.ROOT).contains(needle)
                || r.tickers().stream().anyMatch(t -> t.equalsIgnoreCase(needle.replace("$", "")));
    }

    /** Sorts like NEWEST_FIRST when compared as strings: fixed-width time, then id. */
    private static String key(ResearchReport r) {
        return String.format(Locale.ROOT, "%020d|%s", r.createdAt().toEpochMilli(), r.id());
    }

    private static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AlexException.badRequest("The feed cursor is not valid: start again from the first page.");
        }
    }
}
