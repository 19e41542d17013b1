package app.alex.research.agent;

import java.util.regex.Pattern;

/**
 * Quotes retrieved text for the model as data. The envelope's tag cannot be closed or reopened
 * from inside (a hostile page writing {@code </untrusted_source>} to "escape" is neutralised), and
 * the system prompt tells the model that nothing inside is an instruction.
 */
public final class UntrustedText {
    private static final Pattern TAG = Pattern.compile("(?i)<\\s*/?\\s*untrusted_source");

    private UntrustedText() {
    }

    public static String wrap(int number, String kind, String title, String source, String text) {
        return "<untrusted_source n=\"" + number + "\" kind=\"" + kind + "\" title=\"" + attr(title) + "\" source=\""
                + attr(source) + "\">\n" + neutralise(text) + "\n</untrusted_source>";
    }

    static String neutralise(String text) {
        return TAG.matcher(text == null ? "" : text).replaceAll("[tag removed]");
    }

    private static String attr(String value) {
        return value == null ? "" : neutralise(value).replace("\"", "'").replace("\n", " ");
    }
}
