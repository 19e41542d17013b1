package app.alex.research.schedule;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.Tags;
import app.alex.research.Tickers;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What arrived in the knowledge base about a topic since its last scheduled report: documents
 * (filings the schedule imported included) ingested after that report, tagged with one of the
 * topic's tickers or among the topic's best search results. Research reports do not count: a
 * report is not news.
 */
public final class WhatIsNew {
    /** Newest documents looked at; a knowledge base that grew by more since the last report has news anyway. */
    static final int MAX_SCANNED = 500;
    /** How deep the topic's search looks for new documents on it. */
    static final int SEARCH_DEPTH = 30;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final KnowledgeBase knowledgeBase;

    public WhatIsNew(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /**
     * @param arrived every document ingested since the last report (not research)
     * @param onTopic those about the topic, newest first
     */
    public record News(Instant since, List<DocumentRecord> arrived, List<DocumentRecord> onTopic) {
        public boolean nothing() {
            return onTopic.isEmpty();
        }

        /** The report's part saying what is new, or that nothing is. */
        public String part() {
            var out = new StringBuilder("## New since the last report (" + WHEN.format(since) + ")\n\n");
            if (onTopic.isEmpty()) {
                out.append("Nothing new on this topic: ").append(arrived.isEmpty() ? "no document arrived"
                        : arrived.size() + (arrived.size() == 1 ? " document arrived, not about it" : " documents arrived, none about it"))
                        .append(".\n");
                return out.toString();
            }
            for (DocumentRecord d : onTopic) {
                out.append("- ").append(d.title().isBlank() ? d.source() : d.title());
                if (!d.source().isBlank() && !d.source().equals(d.title())) {
                    out.append(" (").append(d.source()).append(')');
                }
                out.append(", ingested ").append(WHEN.format(d.ingestedAt())).append('\n');
            }
            return out.toString();
        }
    }

    public News since(String topic, Instant since) {
        List<DocumentRecord> arrived = arrivedSince(since);
        if (arrived.isEmpty()) {
            return new News(since, List.of(), List.of());
        }
        Set<String> tickers = Tickers.in(topic).stream().map(Tags::normalize).collect(Collectors.toSet());
        var byId = new LinkedHashMap<String, DocumentRecord>();
        arrived.forEach(d -> byId.put(d.id(), d));
        var onTopic = new LinkedHashMap<String, DocumentRecord>();
        for (DocumentRecord d : arrived) {
            if (d.tags().stream().map(Tags::normalize).anyMatch(tickers::contains)) {
                onTopic.put(d.id(), d);
            }
        }
        var notReports = EnumSet.complementOf(EnumSet.of(DocumentType.RESEARCH));
        List<SearchHit> hits = knowledgeBase.search(new SearchRequest(topic, SEARCH_DEPTH,
                new SearchFilter(notReports, null, null, null, null), SearchMode.HYBRID)).results();
        for (SearchHit hit : hits) {
            DocumentRecord d = byId.get(hit.documentId());
            if (d != null && (hit.relevance() == null || hit.relevance() >= MIN_RELEVANCE)) {
                onTopic.putIfAbsent(d.id(), d);
            }
        }
        List<DocumentRecord> ordered = arrived.stream().filter(d -> onTopic.containsKey(d.id())).toList();
        return new News(since, arrived, ordered);
    }

    /** A passage this far from the topic's meaning (cosine, in percent) is not news about it. */
    static final int MIN_RELEVANCE = 30;

    private List<DocumentRecord> arrivedSince(Instant since) {
        var out = new ArrayList<DocumentRecord>();
        String cursor = null;
        int scanned = 0;
        do {
            DocumentPage page = knowledgeBase.documents(new DocumentQuery(SearchFilter.NONE, cursor, 100,
                    DocumentQuery.Sort.NEWEST_INGESTED));
            for (DocumentRecord d : page.documents()) {
                if (!d.ingestedAt().isAfter(since) || ++scanned > MAX_SCANNED) {
                    return out;
                }
                if (d.type() != DocumentType.RESEARCH) {
                    out.add(d);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }
}
