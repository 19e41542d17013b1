package app.alex.embedded;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.research.Researcher;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.feed.LegacyReportFiles;
import app.alex.research.llm.ModelSettings;
import app.alex.research.schedule.ResearchScheduler;
import app.alex.research.web.GuardedWebFetcher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The researcher on one machine: the research use case over the embedded knowledge base, its feed
 * kept in that knowledge base (as in the cloud), and the in-app schedule with its state in the
 * knowledge-base folder's {@code research/}. The desktop and {@code alex serve} both open it here.
 */
public final class EmbeddedResearch {
    private EmbeddedResearch() {
    }

    /** Research over the embedded backend. */
    public static ResearchService open(EmbeddedBackend backend, ModelSettings model, Supplier<List<String>> watchlist) {
        return open(backend, model, watchlist, Optional.empty());
    }

    /** @param edgar SEC EDGAR when configured ({@link EdgarResearch#fromEnvironment}), else empty */
    public static ResearchService open(EmbeddedBackend backend, ModelSettings model, Supplier<List<String>> watchlist,
                                       Optional<EdgarResearch> edgar) {
        return open(backend.knowledgeBase(), backend.folder().researchDir(), model, watchlist, edgar);
    }

    /**
     * Research over any knowledge base (embedded, or remote when no researcher service is set), its
     * feed kept in that knowledge base.
     *
     * @param legacyReports a folder where an older version kept one JSON file per report (the data
     *                      folder's {@code research/}): they move into the knowledge base first; null for none
     */
    public static ResearchService open(KnowledgeBase knowledgeBase, Path legacyReports, ModelSettings model,
                                       Supplier<List<String>> watchlist) {
        return open(knowledgeBase, legacyReports, model, watchlist, Optional.empty());
    }

    public static ResearchService open(KnowledgeBase knowledgeBase, Path legacyReports, ModelSettings model,
                                       Supplier<List<String>> watchlist, Optional<EdgarResearch> edgar) {
        var store = new KnowledgeBaseReportStore(knowledgeBase);
        if (legacyReports != null) {
            LegacyReportFiles.importInto(legacyReports, store);
        }
        return new ResearchService(knowledgeBase, model.open(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                store, watchlist, ResearchAgent.Limits.standard(), Clock.systemUTC(), edgar);
    }

    /** The in-app schedule, not yet started; its state is {@code research/.schedule.json} in the knowledge-base folder. */
    public static ResearchScheduler scheduler(EmbeddedBackend backend, Researcher researcher, Duration interval,
                                              boolean enabled) {
        return new ResearchScheduler(backend.folder().researchDir().resolve(ResearchScheduler.STATE_FILE), Clock.systemUTC(),
                interval, enabled, () -> {
                    var report = researcher.researchAuto(step -> { });
                    return "Researched \"" + report.topic() + "\": " + report.title();
                });
    }

    /** Schedule settings from the environment, for {@code alex serve}: ALEX_SCHEDULE (on/off), ALEX_SCHEDULE_HOURS, ALEX_WATCHLIST. */
    public record ScheduleSettings(boolean enabled, Duration interval, List<String> watchlist) {
        public static ScheduleSettings fromEnvironment(Map<String, String> env) {
            boolean enabled = !List.of("off", "false", "0", "no").contains(env.getOrDefault("ALEX_SCHEDULE", "on")
                    .strip().toLowerCase(Locale.ROOT));
            double hours;
            try {
                hours = Double.parseDouble(env.getOrDefault("ALEX_SCHEDULE_HOURS", "2").strip());
            } catch (NumberFormatException e) {
                throw app.alex.core.error.AlexException.badRequest("ALEX_SCHEDULE_HOURS must be a number of hours, like 2 or 0.5.");
            }
            if (hours < 0.1 || hours > 24 * 7) {
                throw app.alex.core.error.AlexException.badRequest("ALEX_SCHEDULE_HOURS must be between 0.1 and 168.");
            }
            List<String> watchlist = Arrays.stream(env.getOrDefault("ALEX_WATCHLIST", "").split("[;,]"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            return new ScheduleSettings(enabled, Duration.ofMinutes(Math.round(hours * 60)), watchlist);
        }
    }
}
