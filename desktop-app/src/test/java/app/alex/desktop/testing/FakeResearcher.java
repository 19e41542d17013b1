package app.alex.desktop.testing;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.research.Citation;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A researcher that behaves like the real one from the outside: it reports steps, searches the
 * real knowledge base, writes a Markdown brief citing the passages it found (plus one web page),
 * and keeps a feed. {@link #holdAfterReading()} makes the next research wait until interrupted,
 * for cancel tests.
 */
public final class FakeResearcher implements Researcher {
    public static final String WEB_SOURCE = "https://example.com/markets/outlook";

    private final KnowledgeBase knowledgeBase;
    private final List<ResearchReport> reports = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold;

    public FakeResearcher(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /** The next research blocks after its reading step until its thread is interrupted. */
    public void holdAfterReading() {
        hold = new CountDownLatch(1);
    }

    @Override
    public ResearchReport research(String topic, Consumer<ResearchStep> steps) {
        return research(topic, ResearchReport.Trigger.MANUAL, steps);
    }

    private ResearchReport research(String topic, ResearchReport.Trigger trigger, Consumer<ResearchStep> steps) {
        steps.accept(new ResearchStep(ResearchStep.Kind.PLANNING, "Planning what to look for about “" + topic + "”"));
        steps.accept(new ResearchStep(ResearchStep.Kind.SEARCHING, "Searching the knowledge base for “" + topic + "”"));
        List<SearchHit> hits = knowledgeBase.search(SearchRequest.of(topic, 2)).results();
        steps.accept(new ResearchStep(ResearchStep.Kind.READING, "Reading " + hits.size() + " passages"));
        CountDownLatch gate = hold;
        if (gate != null) {
            hold = null;
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlexException(ErrorCode.CONFLICT, "Research cancelled.");
            }
        }
        steps.accept(new ResearchStep(ResearchStep.Kind.FETCHING, "Fetching " + WEB_SOURCE));
        steps.accept(new ResearchStep(ResearchStep.Kind.WRITING, "Writing the brief"));
        var citations = new ArrayList<Citation>();
        var md = new StringBuilder("# Brief: ").append(topic).append("\n\n");
        md.append("**Summary.** The knowledge base has ").append(hits.size())
                .append(" relevant passages on this topic");
        md.append(hits.isEmpty() ? ".\n\n" : " [1].\n\n");
        md.append("## Key points\n\n");
        for (int i = 0; i < hits.size(); i++) {
            SearchHit hit = hits.get(i);
            citations.add(new Citation(i + 1, Citation.Kind.PASSAGE, hit.documentId(), hit.chunkIndex(), hit.title(),
                    hit.source(), excerpt(hit.text())));
            md.append("- *").append(hit.title()).append("*: ").append(excerpt(hit.text())).append(" [").append(i + 1).append("]\n");
        }
        int web = hits.size() + 1;
        citations.add(new Citation(web, Citation.Kind.WEB, null, -1, "Market outlook", WEB_SOURCE, "Markets stay volatile."));
        md.append("- Market commentary agrees [").append(web).append("].\n\n");
        md.append("## Analysis\n\nThis is an **extractive** test brief; nothing here is advice.\n");
        steps.accept(new ResearchStep(ResearchStep.Kind.SAVING, "Saving the report to the feed"));
        var report = new ResearchReport(UUID.randomUUID().toString(), topic, "Brief: " + topic, md.toString(), citations,
                Instant.now(), "fake-model", false, trigger, List.of("TEST"), false);
        reports.addFirst(report);
        steps.accept(new ResearchStep(ResearchStep.Kind.DONE, "Done"));
        return report;
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }

    @Override
    public ResearchReport researchAuto(Consumer<ResearchStep> steps) {
        return research("market outlook", ResearchReport.Trigger.SCHEDULED, steps);
    }

    @Override
    public FeedPage feed(FeedQuery query) {
        String filter = query.topicOrTicker() == null ? null : query.topicOrTicker().toLowerCase(Locale.ROOT);
        var matching = reports.stream()
                .filter(r -> !query.unreadOnly() || !r.read())
                .filter(r -> filter == null || r.topic().toLowerCase(Locale.ROOT).contains(filter)
                        || r.title().toLowerCase(Locale.ROOT).contains(filter)
                        || r.tickers().stream().anyMatch(t -> t.equalsIgnoreCase(filter)))
                .toList();
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int to = Math.min(matching.size(), from + query.limit());
        long unread = reports.stream().filter(r -> !r.read()).count();
        return new FeedPage(matching.subList(from, to), to < matching.size() ? Integer.toString(to) : null, unread);
    }

    @Override
    public ResearchReport report(String id) {
        return reports.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> AlexException.notFound("No report " + id));
    }

    @Override
    public void markRead(String id, boolean read) {
        for (int i = 0; i < reports.size(); i++) {
            ResearchReport r = reports.get(i);
            if (r.id().equals(id)) {
                reports.set(i, new ResearchReport(r.id(), r.topic(), r.title(), r.markdown(), r.citations(),
                        r.createdAt(), r.model(), r.extractive(), r.trigger(), r.tickers(), read));
            }
        }
    }

    public List<ResearchReport> reports() {
        return List.copyOf(reports);
    }
}
