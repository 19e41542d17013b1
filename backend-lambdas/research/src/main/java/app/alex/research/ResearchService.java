package app.alex.research;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.llm.LanguageModel;
import app.alex.core.research.Citation;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.research.ResearchStep;
import app.alex.core.research.Researcher;
import app.alex.research.agent.ReportAssembler;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.brief.ExtractiveBrief;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.feed.ReportStore;
import app.alex.research.schedule.TopicPicker;
import app.alex.research.schedule.WhatIsNew;
import app.alex.research.web.WebFetcher;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The researcher use case: the agent when a language model is configured, an extractive brief when
 * not; the finished report goes into the feed's store, which keeps it in the knowledge base (type
 * research, so it can be searched). The same class runs inside the desktop, {@code alex serve} and the cloud
 * researcher service.
 */
public final class ResearchService implements Researcher {
    public static final int MAX_TOPIC_CHARS = 500;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final KnowledgeBase knowledgeBase;
    private final Optional<LanguageModel> model;
    private final WebFetcher web;
    private final ReportStore store;
    private final Supplier<List<String>> watchlist;
    private final ResearchAgent.Limits limits;
    private final Clock clock;
    private final Optional<EdgarResearch> edgar;
    private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.CompletableFuture<ResearchReport>> slotsInFlight =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ResearchService(KnowledgeBase knowledgeBase, Optional<LanguageModel> model, WebFetcher web, ReportStore store,
                           Supplier<List<String>> watchlist, ResearchAgent.Limits limits, Clock clock) {
        this(knowledgeBase, model, web, store, watchlist, limits, clock, Optional.empty());
    }

    /**
     * @param edgar SEC EDGAR when configured ({@link EdgarResearch#fromEnvironment}): the agent gets its
     *              financials tool, the extractive brief its figures, and a scheduled run on a ticker first
     *              imports the ticker's new filings
     */
    public ResearchService(KnowledgeBase knowledgeBase, Optional<LanguageModel> model, WebFetcher web, ReportStore store,
                           Supplier<List<String>> watchlist, ResearchAgent.Limits limits, Clock clock,
                           Optional<EdgarResearch> edgar) {
        this.edgar = edgar;
        this.knowledgeBase = knowledgeBase;
        this.model = model;
        this.web = web;
        this.store = store;
        this.watchlist = watchlist;
        this.limits = limits;
        this.clock = clock;
    }

    /** "extractive" or the model's name, for health checks and the status bar. */
    public String modelName() {
        return model.map(LanguageModel::name).orElse("extractive");
    }

    @Override
    public ResearchReport research(String topic, Consumer<ResearchStep> steps) {
        return run(topic, ResearchReport.Trigger.MANUAL, null, steps);
    }

    @Override
    public ResearchReport researchAuto(Consumer<ResearchStep> steps) {
        String topic = new TopicPicker(store).next(watchlist.get());
        return run(topic, ResearchReport.Trigger.SCHEDULED, null, steps);
    }

    /**
     * One report per schedule slot: its id is made from the slot, so a slot already in the feed
     * is answered from there, and a second call for a slot still being researched here waits for
     * that run instead of starting another.
     */
    @Override
    public ResearchReport researchAuto(String slot, Consumer<ResearchStep> steps) {
        if (slot == null || slot.isBlank()) {
            return researchAuto(steps);
        }
        Instant at;
        try {
            at = Instant.parse(slot.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw AlexException.badRequest("The schedule slot must be an ISO-8601 time such as 2026-12-01T20:00:00Z, not '"
                    + (slot.length() > 40 ? slot.substring(0, 40) + "…" : slot) + "'.");
        }
        String id = "research-" + ID_TIME.format(at) + "-slot";
        var existing = store.get(id);
        if (existing.isPresent()) {
            steps.accept(new ResearchStep(ResearchStep.Kind.DONE, "Already researched for " + at + ": " + existing.get().title()));
            return existing.get();
        }
        var mine = new java.util.concurrent.CompletableFuture<ResearchReport>();
        var running = slotsInFlight.putIfAbsent(id, mine);
        if (running != null) {
            return running.join();
        }
        try {
            String topic = new TopicPicker(store).next(watchlist.get());
            ResearchReport report = run(topic, ResearchReport.Trigger.SCHEDULED, id, steps);
            mine.complete(report);
            return report;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            slotsInFlight.remove(id);
        }
    }

    private ResearchReport run(String topic, ResearchReport.Trigger trigger, String fixedId, Consumer<ResearchStep> steps) {
        String clean = topic == null ? "" : topic.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            throw AlexException.badRequest("The research topic is empty: say what to research.");
        }
        if (clean.length() > MAX_TOPIC_CHARS) {
            throw AlexException.badRequest("The research topic is longer than " + MAX_TOPIC_CHARS + " characters.");
        }
        try {
            boolean scheduled = trigger == ResearchReport.Trigger.SCHEDULED;
            Optional<Instant> lastReport = scheduled ? new TopicPicker(store).lastResearched(clean) : Optional.empty();
            // A scheduled run on a ticker first brings in what the company filed since the topic's last run.
            Optional<String> newFilings = scheduled ? edgar.flatMap(e -> importNewFilings(e, clean, lastReport, steps))
                    : Optional.empty();
            // A scheduled report says what is new since the last one on its topic; with nothing new it is
            // a short note, already read, rather than the same report again.
            Optional<WhatIsNew.News> news = lastReport.map(since -> new WhatIsNew(knowledgeBase).since(clean, since));
            if (news.isPresent() && news.get().nothing()) {
                return nothingNew(clean, news.get(), newFilings, fixedId, steps);
            }
            String title;
            ReportAssembler.Assembled report;
            if (model.isPresent()) {
                var draft = new ResearchAgent(model.get(), knowledgeBase, web, limits, clock, edgar)
                        .run(clean, newFilings.map(f -> "Before this run Alex checked SEC EDGAR (the knowledge base now holds "
                                + "what arrived; the report will list it):\n" + f).orElse(null), steps);
                title = draft.title();
                report = draft.report();
            } else {
                var brief = new ExtractiveBrief(knowledgeBase, edgar).write(clean, steps);
                title = brief.title();
                report = brief.report();
            }
            if (newFilings.isPresent()) {
                report = new ReportAssembler.Assembled(beforeSources(report.markdown(), newFilings.get()), report.citations());
            }
            if (news.isPresent()) {
                report = new ReportAssembler.Assembled(beforeSources(report.markdown(), news.get().part()), report.citations());
            }
            Instant now = clock.instant();
            String id = fixedId != null ? fixedId : "research-" + ID_TIME.format(now) + "-" + shortHash(clean + now.toEpochMilli());
            steps.accept(new ResearchStep(ResearchStep.Kind.SAVING, "Saving the report to the feed and the knowledge base"));
            // One write: the store keeps the report in the knowledge base, searchable, with its data beside it.
            ResearchReport result = store.save(new ResearchReport(id, clean, title, report.markdown(), report.citations(), now,
                    modelName(), model.isEmpty(), trigger, Tickers.in(clean), false));
            steps.accept(new ResearchStep(ResearchStep.Kind.DONE, "Done: " + title + " (" + citationsLabel(result.citations()) + ")"));
            return result;
        } catch (AlexException e) {
            steps.accept(new ResearchStep(ResearchStep.Kind.FAILED, e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            steps.accept(new ResearchStep(ResearchStep.Kind.FAILED, "Research failed: " + e.getClass().getSimpleName()));
            throw new AlexException(ErrorCode.INTERNAL, "Research failed unexpectedly (" + e.getClass().getSimpleName() + ").", e);
        }
    }

    /** The slot's record when nothing arrived on the topic since its last report: short, and already read. */
    private ResearchReport nothingNew(String topic, WhatIsNew.News news, Optional<String> newFilings, String fixedId,
                                      Consumer<ResearchStep> steps) {
        Instant now = clock.instant();
        String id = fixedId != null ? fixedId : "research-" + ID_TIME.format(now) + "-" + shortHash(topic + now.toEpochMilli());
        String title = "Nothing new: " + topic;
        String markdown = "# " + title + "\n\n" + news.part() + newFilings.map(f -> "\n" + f).orElse("")
                + "\nThe last report on this topic is still current; the next scheduled run looks again.\n";
        ResearchReport saved = store.save(new ResearchReport(id, topic, title, markdown, List.of(), now, modelName(),
                model.isEmpty(), ResearchReport.Trigger.SCHEDULED, Tickers.in(topic), true));
        steps.accept(new ResearchStep(ResearchStep.Kind.DONE, "Nothing new on " + topic + " since the last report ("
                + news.since() + "): recorded, no new report"));
        return saved;
    }

    /** Filings of the topic's tickers from the day of its last run (or the first look-back) to today. */
    private Optional<String> importNewFilings(EdgarResearch e, String topic, Optional<Instant> lastReport,
                                              Consumer<ResearchStep> steps) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        java.time.LocalDate since = lastReport
                .map(at -> java.time.LocalDate.ofInstant(at, ZoneOffset.UTC))
                .orElse(java.time.LocalDate.ofInstant(clock.instant().minus(e.firstLookBack()), ZoneOffset.UTC));
        return e.importNewFilings(topic, knowledgeBase, since, today, steps);
    }

    /** A part Alex writes (not the model) goes before the Sources list, which stays last. */
    static String beforeSources(String markdown, String part) {
        int at = markdown.lastIndexOf("\n## Sources\n");
        String block = part.strip() + "\n";
        return at < 0 ? markdown.stripTrailing() + "\n\n" + block
                : markdown.substring(0, at).stripTrailing() + "\n\n" + block + markdown.substring(at);
    }

    private static String citationsLabel(List<Citation> citations) {
        return citations.size() == 1 ? "1 source" : citations.size() + " sources";
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FeedPage feed(FeedQuery query) {
        return store.page(query);
    }

    @Override
    public ResearchReport report(String id) {
        return store.get(id).orElseThrow(() -> AlexException.notFound("There is no research report " + id + "."));
    }

    @Override
    public void markRead(String id, boolean read) {
        if (!store.markRead(id, read)) {
            throw AlexException.notFound("There is no research report " + id + ".");
        }
    }

    @Override
    public void close() {
        model.ifPresent(LanguageModel::close);
    }
}
