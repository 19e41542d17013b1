package app.alex.cli;

/**
 * Text from outside (file names, titles, error messages quoting them) made safe for one line of
 * terminal output: a newline or carriage return in a file name could forge the "one line per
 * stored file" output, and an escape sequence could drive the terminal. Control characters
 * (C0, DEL, C1), line and paragraph separators and bidirectional overrides are shown escaped:
 * {@code \n}, {@code \r}, {@code \t}, {@code \x1b}, {@code \u202e}. Everything else is kept.
 */
public final class Printable {
    private Printable() {
    }

    public static String line(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escape(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> {
                if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                    yield String.format("\\x%02x", (int) c);
                }
                boolean invisibleControl = c == '\u2028' || c == '\u2029' || c == '\u200E' || c == '\u200F'
                        || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
                yield invisibleControl ? String.format("\\u%04x", (int) c) : null;
            }
        };
    }
}
