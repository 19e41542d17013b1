package app.alex.desktop.settings;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.SettingsStore;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The settings form: one property per field, loaded from and saved to {@link SettingsStore}.
 * Saving reconnects the workbench when the backend or the language model changed; the theme
 * applies at once. "Test connection" tries what is typed without saving it.
 */
public final class SettingsViewModel {

    public enum VerdictState { NONE, TESTING, OK, FAILED }

    private final SettingsStore store;
    private final DesktopEnvironment environment;
    private final BackendConnection connection;
    private final TaskExecutor executor;
    private final Notifier notifier;

    private final ObjectProperty<Settings.Mode> mode = new SimpleObjectProperty<>(this, "mode", Settings.Mode.EMBEDDED);
    private final StringProperty dataDir = new SimpleStringProperty(this, "dataDir", "");
    private final BooleanProperty fastEmbedding = new SimpleBooleanProperty(this, "fastEmbedding", false);
    private final StringProperty apiUrl = new SimpleStringProperty(this, "apiUrl", "");
    private final StringProperty apiKey = new SimpleStringProperty(this, "apiKey", "");
    private final StringProperty researcherUrl = new SimpleStringProperty(this, "researcherUrl", "");
    private final ObjectProperty<Settings.Provider> provider = new SimpleObjectProperty<>(this, "provider", Settings.Provider.EXTRACTIVE);
    private final StringProperty llmBaseUrl = new SimpleStringProperty(this, "llmBaseUrl", "");
    private final StringProperty llmModel = new SimpleStringProperty(this, "llmModel", "");
    private final StringProperty llmApiKey = new SimpleStringProperty(this, "llmApiKey", "");
    private final StringProperty bedrockProfile = new SimpleStringProperty(this, "bedrockProfile", "");
    private final StringProperty bedrockRegion = new SimpleStringProperty(this, "bedrockRegion", "");
    private final StringProperty bedrockModel = new SimpleStringProperty(this, "bedrockModel", "");
    private final BooleanProperty scheduleEnabled = new SimpleBooleanProperty(this, "scheduleEnabled");
    private final javafx.collections.ObservableList<app.alex.desktop.config.WatchedFolder> watchedFolders = javafx.collections.FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyStringWrapper whereSaved = new javafx.beans.property.ReadOnlyStringWrapper(this, "whereSaved", "");
    private final ObjectProperty<Integer> intervalHours = new SimpleObjectProperty<>(this, "intervalHours",
            Settings.Schedule.DEFAULT_INTERVAL_HOURS);
    private final StringProperty watchlist = new SimpleStringProperty(this, "watchlist", "");
    private final StringProperty edgarUserAgent = new SimpleStringProperty(this, "edgarUserAgent", "");
    private final ObjectProperty<Settings.Theme> theme = new SimpleObjectProperty<>(this, "theme", Settings.Theme.LIGHT);

    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyObjectWrapper<VerdictState> verdictState = new ReadOnlyObjectWrapper<>(this, "verdictState", VerdictState.NONE);
    private long testSequence;

    public SettingsViewModel(SettingsStore store, BackendConnection connection, TaskExecutor executor, Notifier notifier,
                             Consumer<Settings.Theme> themes, DesktopEnvironment environment) {
        this.store = store;
        this.environment = environment;
        this.connection = connection;
        this.executor = executor;
        this.notifier = notifier;
        theme.addListener((obs, was, now) -> themes.accept(now));
        mode.addListener((obs, was, now) -> clearVerdict());
        apiUrl.addListener((obs, was, now) -> clearVerdict());
        apiKey.addListener((obs, was, now) -> clearVerdict());
    }

    /** Fills the form. */
    public void load(Settings settings) {
        var b = settings.backend();
        mode.set(b.mode());
        dataDir.set(b.dataDir());
        fastEmbedding.set(b.fastEmbedding());
        apiUrl.set(b.apiUrl());
        apiKey.set(b.apiKey());
        researcherUrl.set(b.researcherUrl());
        var m = settings.languageModel();
        provider.set(m.provider());
        llmBaseUrl.set(m.baseUrl());
        llmModel.set(m.model());
        llmApiKey.set(m.apiKey());
        bedrockProfile.set(m.bedrockProfile());
        bedrockRegion.set(m.bedrockRegion());
        bedrockModel.set(m.bedrockModel());
        var s = settings.schedule();
        watchedFolders.setAll(settings.watchedFolders());
        updateWhereSaved();
        scheduleEnabled.set(s.enabled());
        intervalHours.set(s.intervalHours());
        watchlist.set(String.join(", ", s.watchlist()));
        theme.set(settings.theme());
        edgarUserAgent.set(settings.edgar().userAgent());
        clearVerdict();
    }

    /** The settings as the form shows them now. */
    public Settings current() {
        var backend = new Settings.Backend(mode.get(), dataDir.get(), apiUrl.get(), apiKey.get(), researcherUrl.get(),
                fastEmbedding.get());
        var model = new Settings.LanguageModel(provider.get(), llmBaseUrl.get(), llmModel.get(), llmApiKey.get(),
                bedrockProfile.get(), bedrockRegion.get(), bedrockModel.get());
        var schedule = new Settings.Schedule(scheduleEnabled.get(), intervalHours.get() == null ? 0 : intervalHours.get(),
                Arrays.stream((watchlist.get() == null ? "" : watchlist.get()).split("[,;\\n]")).toList());
        return new Settings(backend, model, schedule, theme.get(),
                List.copyOf(watchedFolders), new Settings.Edgar(edgarUserAgent.get()));
    }

    /** Saves to disk, then reconnects if the backend or the language model changed. */
    public void save() {
        Settings settings = current();
        if (settings.backend().mode() == Settings.Mode.REMOTE) {
            try {
                app.alex.desktop.backend.DefaultBackendFactory.apiUri(settings.backend().apiUrl());
            } catch (RuntimeException e) {
                verdictState.set(VerdictState.FAILED);
                verdict.set(Errors.message(e));
                notifier.error(e);
                return;
            }
        }
        Settings before = connection.settings();
        executor.execute(Tasks.run(() -> store.save(settings), () -> {
            notifier.info("Settings saved to " + store.file());
            updateWhereSaved();
            boolean reconnect = connection.sessionProperty().get() == null
                    || !Objects.equals(before.backend(), settings.backend())
                    || !Objects.equals(before.languageModel(), settings.languageModel())
                    || !Objects.equals(before.schedule(), settings.schedule())
                    || !Objects.equals(before.watchedFolders(), settings.watchedFolders());
            if (reconnect) {
                connection.connect(settings);
            } else {
                connection.remember(settings);
            }
        }, notifier::error));
    }

    /** Tries the typed settings without saving them. */
    /** The knowledge base folder used when the data folder field is left empty. */
    public java.nio.file.Path defaultDataDir() {
        return environment.defaultDataDir();
    }

    public void testConnection() {
        Settings settings = current();
        long mine = ++testSequence;
        verdictState.set(VerdictState.TESTING);
        verdict.set("Testing…");
        var session = connection.sessionProperty().get();
        executor.execute(Tasks.of(() -> ConnectionCheck.check(settings, session, environment), result -> {
            if (mine == testSequence) {
                verdictState.set(result.ok() ? VerdictState.OK : VerdictState.FAILED);
                verdict.set(result.message());
            }
        }, failure -> {
            if (mine == testSequence) {
                verdictState.set(VerdictState.FAILED);
                verdict.set("Failed: " + Errors.message(failure));
            }
        }));
    }

    /** Puts back what is saved (or in use). */
    public void revert() {
        load(connection.settings());
    }

    /** Where the settings live, and whether anything is there yet. */
    private void updateWhereSaved() {
        Path file = store.file();
        whereSaved.set(java.nio.file.Files.exists(file) ? "Saved in " + file + " (readable by you only)."
                : "Not saved yet: Save writes " + file + " (readable by you only).");
    }

    public javafx.beans.property.ReadOnlyStringProperty whereSavedProperty() {
        return whereSaved.getReadOnlyProperty();
    }

    /** Adds a folder to keep ingested (once). */
    public void addWatchedFolder(Path folder) {
        String path = folder.toAbsolutePath().normalize().toString();
        if (watchedFolders.stream().noneMatch(f -> f.path().equals(path))) {
            watchedFolders.add(app.alex.desktop.config.WatchedFolder.of(path));
        }
    }

    /** Sets the tags and type a watched folder's files get (saved with the settings). */
    public void setWatchedFolderDefaults(app.alex.desktop.config.WatchedFolder folder, String tags,
                                         app.alex.core.document.DocumentType type) {
        int at = watchedFolders.indexOf(folder);
        if (at >= 0) {
            watchedFolders.set(at, new app.alex.desktop.config.WatchedFolder(folder.path(),
                    app.alex.core.search.Tags.parse(tags), type));
        }
    }

    public void chooseDataDir(Path folder) {
        dataDir.set(folder.toAbsolutePath().toString());
    }

    private void clearVerdict() {
        testSequence++;
        verdictState.set(VerdictState.NONE);
        verdict.set("");
    }

    public Path settingsFile() {
        return store.file();
    }

    public ObjectProperty<Settings.Mode> modeProperty() {
        return mode;
    }

    public StringProperty dataDirProperty() {
        return dataDir;
    }

    public BooleanProperty fastEmbeddingProperty() {
        return fastEmbedding;
    }

    public StringProperty apiUrlProperty() {
        return apiUrl;
    }

    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    public StringProperty researcherUrlProperty() {
        return researcherUrl;
    }

    public ObjectProperty<Settings.Provider> providerProperty() {
        return provider;
    }

    public StringProperty llmBaseUrlProperty() {
        return llmBaseUrl;
    }

    public StringProperty llmModelProperty() {
        return llmModel;
    }

    public StringProperty llmApiKeyProperty() {
        return llmApiKey;
    }

    public StringProperty bedrockProfileProperty() {
        return bedrockProfile;
    }

    public StringProperty bedrockRegionProperty() {
        return bedrockRegion;
    }

    public StringProperty bedrockModelProperty() {
        return bedrockModel;
    }

    /** Folders whose new and changed files are ingested on their own, separated by ';'. */
    public javafx.collections.ObservableList<app.alex.desktop.config.WatchedFolder> watchedFolders() {
        return watchedFolders;
    }

    public BooleanProperty scheduleEnabledProperty() {
        return scheduleEnabled;
    }

    public ObjectProperty<Integer> intervalHoursProperty() {
        return intervalHours;
    }

    public StringProperty watchlistProperty() {
        return watchlist;
    }

    /** Who asks SEC EDGAR: a name and an e-mail address. */
    public StringProperty edgarUserAgentProperty() {
        return edgarUserAgent;
    }

    public ObjectProperty<Settings.Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VerdictState> verdictStateProperty() {
        return verdictState.getReadOnlyProperty();
    }
}
