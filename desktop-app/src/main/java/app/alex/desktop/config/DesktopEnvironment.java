package app.alex.desktop.config;

import app.alex.edgar.EdgarConfig;
import app.alex.embedded.DataFolders;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables the workbench reads, read once when it starts and handed to what uses
 * them: the settings folder ({@code ALEX_CONFIG_DIR}), the default data folder
 * ({@code ALEX_DATA_DIR}, else this machine's convention), EDGAR's hosts ({@code ALEX_EDGAR_DATA_URL},
 * {@code ALEX_EDGAR_ARCHIVES_URL}, also as system properties) and {@code ALEX_DEBUG}. Tests hand in
 * their own, so no test reads the developer's real folders.
 */
public record DesktopEnvironment(Map<String, String> variables) {
    public static final String CONFIG_DIR_ENV = "ALEX_CONFIG_DIR";
    public static final String DEBUG_ENV = "ALEX_DEBUG";

    public DesktopEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's environment, with {@code ALEX_EDGAR_*} system properties laid over it. */
    public static DesktopEnvironment system() {
        var env = new HashMap<>(System.getenv());
        for (String name : new String[] {EdgarConfig.DATA_URL_ENV, EdgarConfig.ARCHIVES_URL_ENV}) {
            String value = System.getProperty(name);
            if (value != null && !value.isBlank()) {
                env.put(name, value);
            }
        }
        return new DesktopEnvironment(env);
    }

    /** The settings folder: {@code ALEX_CONFIG_DIR}, else this machine's convention. */
    public Path configDir() {
        String override = variables.get(CONFIG_DIR_ENV);
        return override != null && !override.isBlank() ? Path.of(override.strip()) : DataFolders.defaultConfigDir(variables);
    }

    /** The knowledge base folder when Settings names none. */
    public Path defaultDataDir() {
        return DataFolders.defaultDataDir(variables);
    }

    /** The knowledge base folder of these backend settings: the one they name, else the default. */
    public Path dataDir(Settings.Backend backend) {
        return backend.dataDir().isBlank() ? defaultDataDir() : Path.of(backend.dataDir()).toAbsolutePath();
    }

    /** What EDGAR is configured from, without a User-Agent: Settings says who is asking. */
    public Map<String, String> edgar() {
        var env = new HashMap<>(variables);
        env.remove(EdgarConfig.USER_AGENT_ENV);
        return env;
    }

    /** {@code ALEX_DEBUG=1}: library logging left on. */
    public boolean debug() {
        return "1".equals(variables.get(DEBUG_ENV));
    }
}
