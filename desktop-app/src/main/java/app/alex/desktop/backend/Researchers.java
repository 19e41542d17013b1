package app.alex.desktop.backend;

import app.alex.client.RemoteResearcher;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.research.Researcher;
import app.alex.desktop.config.Settings;
import app.alex.embedded.DataFolders;
import app.alex.embedded.EmbeddedResearch;
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
 * researcher service when a researcher URL is set.
 */
public final class Researchers {
    public static final Duration RESEARCH_TIMEOUT = Duration.ofMinutes(15);

    private Researchers() {
    }

    public static Researcher create(Settings settings, KnowledgeBase knowledgeBase) {
        var backend = settings.backend();
        if (backend.mode() == Settings.Mode.REMOTE && !backend.researcherUrl().isBlank()) {
            URI uri = DefaultBackendFactory.apiUri(backend.researcherUrl());
            // A Lambda function URL (IAM auth) is signed with the Bedrock/AWS profile of the settings.
            return new RemoteResearcher(uri, backend.apiKey(), settings.languageModel().bedrockProfile(),
                    DefaultBackendFactory.REMOTE_TIMEOUT, RESEARCH_TIMEOUT);
        }
        Path feed = feedFolder(settings);
        var service = EmbeddedResearch.open(knowledgeBase, feed, modelSettings(settings.languageModel()),
                () -> settings.schedule().watchlist());
        var schedule = settings.schedule();
        var researcher = new ScheduledResearcher(service, job -> new ResearchScheduler(feed.resolve(ResearchScheduler.STATE_FILE),
                Clock.systemUTC(), Duration.ofHours(schedule.intervalHours()), schedule.enabled(), job));
        researcher.start();
        return researcher;
    }

    /** Embedded: the data folder's research/. Remote without a researcher service: a feed per API host on this machine. */
    static Path feedFolder(Settings settings) {
        var backend = settings.backend();
        if (backend.mode() == Settings.Mode.EMBEDDED) {
            return DefaultBackendFactory.dataDir(backend).resolve("research");
        }
        String host = URI.create(backend.apiUrl()).getHost();
        return DataFolders.defaultDataDir().resolveSibling("alex-remote-research")
                .resolve(host == null ? "remote" : host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_"));
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
