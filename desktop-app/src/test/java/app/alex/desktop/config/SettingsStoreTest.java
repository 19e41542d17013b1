package app.alex.desktop.config;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.core.error.AlexException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsStoreTest {
    @TempDir
    Path temp;

    static Settings sample() {
        return new Settings(new Settings.Backend(Settings.Mode.REMOTE, "", "https://api.example.com/prod", "secret-key", "", true),
                new Settings.LanguageModel(Settings.Provider.OPENAI_COMPATIBLE, "http://localhost:11434/v1", "llama3",
                        "llm-secret", "", "", ""),
                new Settings.Schedule(true, 4, List.of("NVDA", " AMD ", "", "NVDA")), Settings.Theme.DARK);
    }

    @Test
    void nothingSavedYetMeansTheDefaults() {
        assertThat(new SettingsStore(temp.resolve("none")).load()).isEqualTo(Settings.defaults());
    }

    @Test
    void savedSettingsComeBackEqualAndTheWatchlistIsCleaned() {
        var store = new SettingsStore(temp.resolve("alex"));
        store.save(sample());
        Settings loaded = store.load();
        assertThat(loaded).isEqualTo(sample());
        assertThat(loaded.schedule().watchlist()).containsExactly("NVDA", "AMD");
    }

    @Test
    void theFileAndItsFolderAreReadableByTheOwnerOnlyEvenWhenAWiderFileWasThere() throws Exception {
        Path dir = temp.resolve("alex");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.json"), "{}");
        Files.setPosixFilePermissions(dir.resolve("settings.json"), PosixFilePermissions.fromString("rw-r--r--"));
        new SettingsStore(dir).save(sample());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("settings.json")))).isEqualTo("rw-------");

        Path fresh = temp.resolve("fresh/alex");
        new SettingsStore(fresh).save(sample());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        try (var files = Files.list(fresh)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("settings.json");
        }
    }

    @Test
    void aSettingsFileFromBeforeTheFasterIngestChoiceLoadsWithExactEmbeddings() throws Exception {
        Path dir = temp.resolve("older");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.json"), "{\"backend\": {\"mode\": \"EMBEDDED\", \"dataDir\": \"/data/kb\"}}");

        Settings loaded = new SettingsStore(dir).load();

        assertThat(loaded.backend().fastEmbedding()).isFalse();
        assertThat(loaded.backend().dataDir()).isEqualTo("/data/kb");
    }

    @Test
    void theEdgarUserAgentIsSavedAndAFileFromBeforeItLoadsWithoutOne() throws Exception {
        var store = new SettingsStore(temp.resolve("edgar"));
        store.save(sample().withEdgar(new Settings.Edgar(" Jane Doe jane@example.com ")));
        assertThat(store.load().edgar().userAgent()).isEqualTo("Jane Doe jane@example.com");
        assertThat(store.load().edgar().configured()).isTrue();

        Path dir = temp.resolve("before-edgar");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.json"), "{\"backend\": {\"mode\": \"EMBEDDED\"}, \"theme\": \"DARK\","
                + " \"watchedFolders\": []}");
        Settings loaded = new SettingsStore(dir).load();
        assertThat(loaded.edgar()).isEqualTo(Settings.Edgar.DEFAULT);
        assertThat(loaded.edgar().configured()).isFalse();
        assertThat(loaded.theme()).isEqualTo(Settings.Theme.DARK);
    }

    @Test
    void printingSettingsNeverShowsTheKeys() {
        String printed = sample().toString();
        assertThat(printed).doesNotContain("secret-key").doesNotContain("llm-secret").contains("apiKey=(set)");
    }

    @Test
    void aDamagedFileGivesAMessageThatSaysWhereAndWhatToDo() throws Exception {
        Path dir = temp.resolve("alex");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.json"), "{\n \"theme\": ");
        assertThatThrownBy(() -> new SettingsStore(dir).load()).isInstanceOf(AlexException.class)
                .hasMessageContaining(dir.resolve("settings.json").toString())
                .hasMessageContaining("Fix it or delete it");
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Path dir = temp.resolve("alex");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.json"), "{\"theme\":\"DARK\",\"future\":{\"x\":1}}");
        assertThat(new SettingsStore(dir).load().theme()).isEqualTo(Settings.Theme.DARK);
    }

    @Test
    void alexConfigDirOverridesTheXdgFolder() {
        assertThat(new DesktopEnvironment(Map.of("ALEX_CONFIG_DIR", "/tmp/alex-config")).configDir())
                .isEqualTo(Path.of("/tmp/alex-config"));
        assertThat(new DesktopEnvironment(Map.of()).configDir().toString()).endsWith("alex");
        assertThat(SettingsStore.in(new DesktopEnvironment(Map.of("ALEX_CONFIG_DIR", "/tmp/alex-config"))).file())
                .isEqualTo(Path.of("/tmp/alex-config/settings.json"));
    }

    @Test
    void watchedFoldersKeepTheirOwnTagsAndTypeAndOlderPlainPathsStillLoad() throws Exception {
        Path dir = temp.resolve("watched");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settings.json"), "{\"watchedFolders\": [\"/data/notes\"]}");
        var store = new SettingsStore(dir);

        assertThat(store.load().watchedFolders()).containsExactly(WatchedFolder.of("/data/notes"));

        var filings = new WatchedFolder("/data/filings", List.of("NVDA", "filings"), app.alex.core.document.DocumentType.DOCUMENT);
        var notes = new WatchedFolder("/data/notes", List.of("desk"), app.alex.core.document.DocumentType.NOTE);
        store.save(Settings.defaults().withWatchedFolders(List.of(filings, notes)));

        assertThat(store.load().watchedFolders()).containsExactly(filings, notes);
    }
}
