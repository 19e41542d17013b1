package app.alex.desktop.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Everything the analyst can set, as saved in {@code settings.json}. Secrets (API keys) are kept
 * here because the file is owner-only; {@link #toString()} never prints them, so a log line that
 * mentions the settings cannot leak them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(Backend backend, LanguageModel languageModel, Schedule schedule, Theme theme,
                       List<WatchedFolder> watchedFolders, Edgar edgar) {

    public Settings {
        backend = backend == null ? Backend.DEFAULT : backend;
        languageModel = languageModel == null ? LanguageModel.DEFAULT : languageModel;
        schedule = schedule == null ? Schedule.DEFAULT : schedule;
        theme = theme == null ? Theme.LIGHT : theme;
        edgar = edgar == null ? Edgar.DEFAULT : edgar;
        var seen = new java.util.HashSet<String>();
        watchedFolders = watchedFolders == null ? List.of()
                : watchedFolders.stream().filter(f -> f != null && !f.path().isEmpty() && seen.add(f.path())).toList();
    }

    public Settings(Backend backend, LanguageModel languageModel, Schedule schedule, Theme theme) {
        this(backend, languageModel, schedule, theme, List.of(), Edgar.DEFAULT);
    }

    public Settings(Backend backend, LanguageModel languageModel, Schedule schedule, Theme theme,
                    List<WatchedFolder> watchedFolders) {
        this(backend, languageModel, schedule, theme, watchedFolders, Edgar.DEFAULT);
    }

    public static Settings defaults() {
        return new Settings(Backend.DEFAULT, LanguageModel.DEFAULT, Schedule.DEFAULT, Theme.LIGHT, List.of(), Edgar.DEFAULT);
    }

    public Settings withBackend(Backend value) {
        return new Settings(value, languageModel, schedule, theme, watchedFolders, edgar);
    }

    public Settings withWatchedFolders(List<WatchedFolder> value) {
        return new Settings(backend, languageModel, schedule, theme, value, edgar);
    }

    public Settings withEdgar(Edgar value) {
        return new Settings(backend, languageModel, schedule, theme, watchedFolders, value);
    }

    public enum Mode { EMBEDDED, REMOTE }

    public enum Theme { LIGHT, DARK }

    public enum Provider {
        /** No language model: research writes an extractive brief from the knowledge base. */
        EXTRACTIVE,
        /** Ollama, vLLM or any server speaking the OpenAI chat API. */
        OPENAI_COMPATIBLE,
        /** Amazon Bedrock with the analyst's AWS profile. */
        BEDROCK
    }

    /**
     * Where the knowledge base lives.
     *
     * @param dataDir       embedded data folder; blank means the platform default
     * @param apiUrl        remote knowledge-base API (API Gateway stage URL or {@code alex serve})
     * @param apiKey        sent as {@code x-api-key}
     * @param researcherUrl remote researcher service; blank when research runs in-process
     * @param fastEmbedding embedded only: the int8 model (about twice the ingest speed, vectors within
     *                      cosine 0.99 of the exact fp32 ones) instead of fp32
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Backend(Mode mode, String dataDir, String apiUrl, String apiKey, String researcherUrl,
                          boolean fastEmbedding) {
        public static final Backend DEFAULT = new Backend(Mode.EMBEDDED, "", "", "", "", false);

        public Backend(Mode mode, String dataDir, String apiUrl, String apiKey, String researcherUrl) {
            this(mode, dataDir, apiUrl, apiKey, researcherUrl, false);
        }

        public Backend {
            mode = mode == null ? Mode.EMBEDDED : mode;
            dataDir = clean(dataDir);
            apiUrl = clean(apiUrl);
            apiKey = clean(apiKey);
            researcherUrl = clean(researcherUrl);
        }

        @Override
        public String toString() {
            return "Backend[mode=" + mode + ", dataDir=" + dataDir + ", apiUrl=" + apiUrl + ", apiKey="
                    + redact(apiKey) + ", researcherUrl=" + researcherUrl + ", fastEmbedding=" + fastEmbedding + "]";
        }
    }

    /** The language model research uses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LanguageModel(Provider provider, String baseUrl, String model, String apiKey,
                                String bedrockProfile, String bedrockRegion, String bedrockModel) {
        public static final LanguageModel DEFAULT = new LanguageModel(Provider.EXTRACTIVE, "", "", "", "", "", "");

        public LanguageModel {
            provider = provider == null ? Provider.EXTRACTIVE : provider;
            baseUrl = clean(baseUrl);
            model = clean(model);
            apiKey = clean(apiKey);
            bedrockProfile = clean(bedrockProfile);
            bedrockRegion = clean(bedrockRegion);
            bedrockModel = clean(bedrockModel);
        }

        @Override
        public String toString() {
            return "LanguageModel[provider=" + provider + ", baseUrl=" + app.alex.research.llm.RedactedUrl.of(baseUrl) + ", model=" + model + ", apiKey="
                    + redact(apiKey) + ", bedrockProfile=" + bedrockProfile + ", bedrockRegion=" + bedrockRegion
                    + ", bedrockModel=" + bedrockModel + "]";
        }
    }

    /** Research that runs on its own: every {@code intervalHours}, on the watchlist's topics. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Schedule(boolean enabled, int intervalHours, List<String> watchlist) {
        public static final int DEFAULT_INTERVAL_HOURS = 2;
        public static final Schedule DEFAULT = new Schedule(false, DEFAULT_INTERVAL_HOURS, List.of());

        public Schedule {
            intervalHours = intervalHours < 1 ? DEFAULT_INTERVAL_HOURS : Math.min(intervalHours, 168);
            watchlist = watchlist == null ? List.of()
                    : watchlist.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        }
    }

    /**
     * SEC EDGAR. Its hosts come from {@code ALEX_EDGAR_DATA_URL} and {@code ALEX_EDGAR_ARCHIVES_URL}
     * (environment or system property), by default data.sec.gov and www.sec.gov.
     *
     * @param userAgent who is asking, a name and an e-mail address ("Jane Doe jane@example.com"):
     *                  EDGAR refuses (403) requests that do not say; blank until the analyst sets it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Edgar(String userAgent) {
        public static final Edgar DEFAULT = new Edgar("");

        public Edgar {
            userAgent = clean(userAgent);
        }

        public boolean configured() {
            return !userAgent.isEmpty();
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    static String redact(String secret) {
        return secret == null || secret.isEmpty() ? "(none)" : "(set)";
    }
}
