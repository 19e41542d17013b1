package app.alex.core.extract;

/**
 * Keeps PDFBox's and POI's own logging off the terminal. Both log through the Log4j API (PDFBox
 * via commons-logging), which, with no Log4j provider on the class path, prints every ERROR with
 * its stack trace to stderr: a damaged PDF scrolled a page of {@code COSParser} frames past the
 * clear "damaged PDF" line Alex prints anyway. With {@code ALEX_DEBUG=1} they are left on.
 *
 * <p>Must run before the first PDFBox or POI class logs anything, so {@link FileExtractor} (the
 * only way in to both) calls it from its static initialiser.
 */
final class LibraryLogging {
    private LibraryLogging() {
    }

    static void quiet() {
        if ("1".equals(System.getenv("ALEX_DEBUG"))) {
            return;
        }
        // Log4j's no-provider fallback (SimpleLogger) and its own "no provider found" complaint.
        setIfAbsent("org.apache.logging.log4j.simplelog.level", "OFF");
        setIfAbsent("log4j2.statusLoggerLevel", "OFF");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
