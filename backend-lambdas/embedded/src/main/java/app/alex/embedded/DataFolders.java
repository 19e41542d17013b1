package app.alex.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Alex keeps its knowledge base and settings on this machine, following each platform's
 * convention (XDG on Linux). {@code ALEX_DATA_DIR} overrides the data folder.
 */
public final class DataFolders {
    public static final String DATA_DIR_ENV = "ALEX_DATA_DIR";

    private DataFolders() {
    }

    public static Path defaultDataDir() {
        return defaultDataDir(System.getenv());
    }

    /** The data folder for these environment variables (a command line's, a test's) on this platform. */
    public static Path defaultDataDir(Map<String, String> env) {
        return defaultDataDir(env, System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    /** The data folder for the given environment: explicit override first, then the platform's convention. */
    static Path defaultDataDir(Map<String, String> env, String osName, String userHome) {
        String override = env.get(DATA_DIR_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.getOrDefault("LOCALAPPDATA", env.get("APPDATA"));
            return appData != null ? Path.of(appData, "Alex") : Path.of(userHome, "AppData", "Local", "Alex");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Alex");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg, "alex")
                : Path.of(userHome, ".local", "share", "alex");
    }

    /** Settings (not data): XDG config folder on Linux. */
    public static Path defaultConfigDir() {
        return defaultConfigDir(System.getenv());
    }

    public static Path defaultConfigDir(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win") || os.contains("mac")) {
            return defaultDataDir(Map.of(), System.getProperty("os.name", ""), home);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg, "alex")
                : Path.of(home, ".config", "alex");
    }
}
