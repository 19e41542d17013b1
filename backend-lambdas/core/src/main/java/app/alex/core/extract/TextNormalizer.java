package app.alex.core.extract;

/**
 * Cleans extracted text so every format gives the chunker the same shape: {@code \n} line
 * endings only, no NULs or control characters except {@code \n} and {@code \t}, no trailing
 * blanks on a line, at most one blank line in a row, no lone surrogates, no leading or trailing
 * blank space. One pass over the text: it runs on whole books.
 */
final class TextNormalizer {
    private TextNormalizer() {
    }

    static String normalize(CharSequence in) {
        int n = in.length();
        var out = new StringBuilder(n);
        var blanks = new StringBuilder(); // spaces/tabs not yet written: dropped if a line end follows
        int newlines = 0;                 // newlines at the end of out
        for (int i = 0; i < n; i++) {
            char c = in.charAt(i);
            if (c == '\r') {
                if (i + 1 < n && in.charAt(i + 1) == '\n') {
                    i++;
                }
                c = '\n';
            } else if (c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\f' || c == '\u000B') {
                c = '\n';
            }
            if (c == '\n') {
                blanks.setLength(0);
                if (out.length() > 0 && newlines < 2) {
                    out.append('\n');
                    newlines++;
                }
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (out.length() > 0) {
                    blanks.append(c);
                }
                continue;
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF') {
                continue; // control characters and stray byte-order marks carry no text
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(in.charAt(i + 1));
            if (!pair && Character.isSurrogate(c)) {
                c = '\uFFFD'; // a lone half of a pair is not a character
            }
            out.append(blanks);
            blanks.setLength(0);
            out.append(c);
            if (pair) {
                out.append(in.charAt(++i));
            }
            newlines = 0;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    /** A title: one line, blanks collapsed, at most 200 characters. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = normalize(s).replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
