package app.alex.edgar.company;

import app.alex.core.error.AlexException;

import java.util.regex.Pattern;

/** A company's Central Index Key: its number on EDGAR (Apple is 320193). */
public record Cik(long value) {
    private static final Pattern DIGITS = Pattern.compile("(?i)(?:CIK)?0*([0-9]{1,10})");

    public Cik {
        if (value <= 0 || value > 9_999_999_999L) {
            throw AlexException.badRequest("A CIK is a number of 1 to 10 digits, not " + value + ".");
        }
    }

    /** True for "320193", "0000320193" or "CIK0000320193": a CIK rather than a ticker. */
    public static boolean looksLikeCik(String text) {
        return text != null && DIGITS.matcher(text.strip()).matches();
    }

    public static Cik parse(String text) {
        var m = text == null ? null : DIGITS.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw AlexException.badRequest("'" + text + "' is not a CIK (a number of up to 10 digits).");
        }
        return new Cik(Long.parseLong(m.group(1)));
    }

    /** Ten digits with leading zeros, as the JSON APIs name their files: 0000320193. */
    public String padded() {
        return String.format("%010d", value);
    }

    /** Without leading zeros, as the archive paths have it: 320193. */
    public String plain() {
        return Long.toString(value);
    }

    @Override
    public String toString() {
        return padded();
    }
}
