package app.alex.desktop.backend;

import app.alex.client.RemoteResearcher;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.research.Researcher;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.DesktopEnvironment;
import app.alex.edgar.EdgarConfig;
import app.alex.embedded.EmbeddedResearch;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.llm.ModelSettings;
import app.alex.research.schedule.ResearchScheduler;
import java.time.Clock;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The researcher the workbench uses: in-process over the session's knowledge base (with the
 * language model from Settings, or the extractive brief, and the in-app schedule), or the remote
 * researcher service when a researcher URL is set. Either way the feed is kept in the session's
 * knowledge base, so in Remote mode the Research and Feed screens show the server's reports and
 * read state, and nothing is written beside the local data folder.
 */
public final class Researchers {
    public static final Duration RESEARCH_TIMEOUT = Duration.ofMinutes(15);

    private Researchers() {
    }

    /**
     * @param environment the settings folder (where the in-app schedule of a Remote backend keeps
     *                    its state), the default data folder and EDGAR's hosts
     */
    public static Researcher create(Settings settings, KnowledgeBase knowledgeBase, DesktopEnvironment environment) {
        var backend = settings.backend();
        if (backend.mode() == Settings.Mode.REMOTE && !backend.researcherUrl().isBlank()) {
            URI uri = DefaultBackendFactory.apiUri(backend.researcherUrl());
            // A Lambda function URL (IAM auth) is signed with the Bedrock/AWS profile of the settings.
            return new RemoteResearcher(uri, backend.apiKey(), settings.languageModel().bedrockProfile(),
                    DefaultBackendFactory.REMOTE_TIMEOUT, RESEARCH_TIMEOUT);
        }
        boolean embedded = backend.mode() == Settings.Mode.EMBEDDED;
        // Embedded: older versions kept one file per report in research/; they move into the index.
        Path legacyReports = embedded ? researchFolder(settings, environment) : null;
        var service = EmbeddedResearch.open(knowledgeBase, legacyReports, modelSettings(settings.languageModel()),
                () -> settings.schedule().watchlist(), edgar(settings, environment));
        var schedule = settings.schedule();
        Path state = scheduleState(settings, environment);
        var researcher = new ScheduledResearcher(service, job -> new ResearchScheduler(state, Clock.systemUTC(),
                Duration.ofHours(schedule.intervalHours()), schedule.enabled(), job));
        researcher.start();
        return researcher;
    }

    /**
     * EDGAR for research (the agent's financials tool, the brief's figures, the schedule's filings)
     * when Settings has an EDGAR User-Agent; without one research never contacts EDGAR.
     */
    static java.util.Optional<EdgarResearch> edgar(Settings settings, DesktopEnvironment environment) {
        String agent = settings.edgar() == null ? "" : settings.edgar().userAgent();
        if (agent == null || agent.isBlank()) {
            return java.util.Optional.empty();
        }
        var env = new java.util.HashMap<>(environment.edgar());
        env.put(EdgarConfig.USER_AGENT_ENV, agent.strip());
        return EdgarResearch.fromEnvironment(env);
    }

    private static Path researchFolder(Settings settings, DesktopEnvironment environment) {
        return environment.dataDir(settings.backend()).resolve("research");
    }

    /**
     * Where the in-app schedule keeps its last and next run. Embedded: the data folder's research/,
     * as {@code alex serve} does. Remote without a researcher service: the settings folder, one file
     * per API host (the feed itself is on the server).
     */
    static Path scheduleState(Settings settings, DesktopEnvironment environment) {
        var backend = settings.backend();
        if (backend.mode() == Settings.Mode.EMBEDDED) {
            return researchFolder(settings, environment).resolve(ResearchScheduler.STATE_FILE);
        }
        String host = URI.create(backend.apiUrl()).getHost();
        return environment.configDir().resolve("schedules")
                .resolve((host == null ? "remote" : host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_")) + ".json");
    }

    public static ModelSettings modelSettings(Settings.LanguageModel m) {
        return switch (m.provider()) {
            case EXTRACTIVE -> ModelSettings.NONE;
            case OPENAI_COMPATIBLE -> new ModelSettings(ModelSettings.Provider.OPENAI, m.baseUrl(), m.model(), m.apiKey(),
                    null, null, null, null);
            case BEDROCK -> new ModelSettings(ModelSettings.Provider.BEDROCK, null, null, null,
                    blankToNull(m.bedrockModel()), blankToNull(m.bedrockRegion()), blankToNull(m.bedrockProfile()), null);
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
