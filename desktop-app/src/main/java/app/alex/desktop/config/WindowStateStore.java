package app.alex.desktop.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@code window.json} in the configuration folder. A missing or unreadable file
 * is not an error worth stopping for: the window opens as on a first launch (and the log says why).
 */
public final class WindowStateStore {
    public static final String FILE_NAME = "window.json";
    private static final System.Logger LOG = System.getLogger(WindowStateStore.class.getName());

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public WindowStateStore(Path configDir) {
        this.file = configDir.toAbsolutePath().resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public WindowState load() {
        if (!Files.exists(file)) {
            return WindowState.NONE;
        }
        try {
            WindowState state = json.readValue(file.toFile(), WindowState.class);
            return state == null ? WindowState.NONE : state;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring the window state in " + file + ": " + e.getMessage());
            return WindowState.NONE;
        }
    }

    public void save(WindowState state) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.write(temp, json.writeValueAsBytes(state));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not remember the window state in " + file + ": " + e.getMessage());
        }
    }
}
