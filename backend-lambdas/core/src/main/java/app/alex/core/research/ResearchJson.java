package app.alex.core.research;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wire shape of reports, steps and feed pages (snake_case, as the rest of the API), written by
 * the researcher service and read by the remote client, so the two cannot drift.
 */
public final class ResearchJson {
    private ResearchJson() {
    }

    public static Map<String, Object> report(ResearchReport r) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", r.id());
        out.put("topic", r.topic());
        out.put("title", r.title());
        out.put("markdown", r.markdown());
        List<Map<String, Object>> citations = new ArrayList<>();
        for (Citation c : r.citations()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("number", c.number());
            m.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            m.put("document_id", c.documentId());
            m.put("chunk_index", c.chunkIndex());
            m.put("page", c.page());
            m.put("title", c.title());
            m.put("source", c.source());
            m.put("quote", c.quote());
            citations.add(m);
        }
        out.put("citations", citations);
        out.put("created_at", r.createdAt().toString());
        out.put("model", r.model());
        out.put("extractive", r.extractive());
        out.put("trigger", r.trigger().name().toLowerCase(Locale.ROOT));
        out.put("tickers", r.tickers());
        out.put("read", r.read());
        return out;
    }

    public static ResearchReport report(JsonNode n) {
        List<Citation> citations = new ArrayList<>();
        for (JsonNode c : n.path("citations")) {
            citations.add(new Citation(c.path("number").asInt(), Citation.Kind.valueOf(c.path("kind").asText("passage")
                    .toUpperCase(Locale.ROOT)), c.path("document_id").isNull() ? null : c.path("document_id").asText(null),
                    c.path("chunk_index").asInt(-1), c.path("page").asInt(0), c.path("title").asText(""), c.path("source").asText(""),
                    c.path("quote").asText("")));
        }
        List<String> tickers = new ArrayList<>();
        n.path("tickers").forEach(t -> tickers.add(t.asText()));
        return new ResearchReport(n.path("id").asText(), n.path("topic").asText(""), n.path("title").asText(""),
                n.path("markdown").asText(""), citations, Instant.parse(n.path("created_at").asText()),
                n.path("model").asText(""), n.path("extractive").asBoolean(),
                ResearchReport.Trigger.valueOf(n.path("trigger").asText("manual").toUpperCase(Locale.ROOT)), tickers,
                n.path("read").asBoolean());
    }

    public static Map<String, Object> step(ResearchStep s) {
        return Map.of("kind", s.kind().name().toLowerCase(Locale.ROOT), "message", s.message());
    }

    public static ResearchStep step(JsonNode n) {
        return new ResearchStep(ResearchStep.Kind.valueOf(n.path("kind").asText("planning").toUpperCase(Locale.ROOT)),
                n.path("message").asText(""));
    }

    public static Map<String, Object> page(FeedPage page) {
        var out = new LinkedHashMap<String, Object>();
        out.put("reports", page.reports().stream().map(ResearchJson::report).toList());
        out.put("next_cursor", page.nextCursor());
        out.put("unread", page.unread());
        return out;
    }

    public static FeedPage page(JsonNode n) {
        List<ResearchReport> reports = new ArrayList<>();
        n.path("reports").forEach(r -> reports.add(report(r)));
        return new FeedPage(reports, n.path("next_cursor").isTextual() ? n.path("next_cursor").asText() : null,
                n.path("unread").asLong());
    }
}
