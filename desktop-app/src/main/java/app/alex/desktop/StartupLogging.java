package app.alex.desktop;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps two library lines off the terminal at every start, where they read like problems: Log4j's
 * "could not find a logging provider" (POI and PDFBox log through the Log4j API, and the desktop
 * has no Log4j backend on purpose) and Lucene's advice to enable the incubating Vector API (the
 * index works without it; enabling it prints a JVM warning of its own). {@code ALEX_DEBUG=1}
 * leaves both on. Must run before any library class logs, so the main classes call it first.
 */
public final class StartupLogging {
    /** Held so the level set below is not lost when the logger is garbage collected. */
    private static final Logger LUCENE_VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private StartupLogging() {
    }

    public static void quiet(app.alex.desktop.config.DesktopEnvironment environment) {
        if (environment.debug()) {
            return;
        }
        setIfAbsent("log4j2.statusLoggerLevel", "OFF");
        setIfAbsent("org.apache.logging.log4j.simplelog.level", "OFF");
        LUCENE_VECTORIZATION.setLevel(Level.SEVERE);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
