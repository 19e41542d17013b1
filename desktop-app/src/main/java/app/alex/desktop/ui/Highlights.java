package app.alex.desktop.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which words of a passage to highlight for a query: each query word (not a stop word) and its
 * simple inflections ("dividend" finds "dividends", "reinvested" finds "reinvest").
 */
public final class Highlights {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");
    /** Common English function words: in a plain-words question they carry no topic, so they are not marked. */
    private static final Set<String> STOP = Set.of("a", "about", "above", "after", "again", "against", "all", "also",
            "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
            "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "few",
            "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
            "i", "if", "in", "into", "is", "it", "its", "just", "may", "me", "might", "more", "most", "must", "my", "no",
            "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same",
            "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then",
            "there", "these", "they", "this", "those", "through", "too", "under", "until", "up", "very", "was", "we",
            "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "would",
            "you", "your", "yours");

    private Highlights() {
    }

    /** A piece of text, highlighted or not. */
    public record Segment(String text, boolean hit) {
    }

    /** The words of a query worth highlighting, lower case, in order. */
    public static Set<String> terms(String query) {
        var out = new LinkedHashSet<String>();
        if (query == null) {
            return out;
        }
        Matcher m = WORD.matcher(query);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (!STOP.contains(word) && (word.length() > 1 || Character.isDigit(word.charAt(0)))) {
                out.add(word);
            }
        }
        return out;
    }

    /** True when a word of the text stands for one of the terms. */
    public static boolean matches(String word, Set<String> terms) {
        String w = word.toLowerCase(Locale.ROOT);
        for (String term : terms) {
            if (w.equals(term)) {
                return true;
            }
            String stem = stem(term);
            if (stem.length() >= 4 && w.startsWith(stem) && w.length() - stem.length() <= 4) {
                return true;
            }
        }
        return false;
    }

    /** The text cut into highlighted and plain segments (adjacent plain text joined). */
    public static List<Segment> split(String text, Set<String> terms) {
        var out = new ArrayList<Segment>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        if (terms.isEmpty()) {
            out.add(new Segment(text, false));
            return out;
        }
        Matcher m = WORD.matcher(text);
        int at = 0;
        while (m.find()) {
            if (matches(m.group(), terms)) {
                if (m.start() > at) {
                    out.add(new Segment(text.substring(at, m.start()), false));
                }
                out.add(new Segment(m.group(), true));
                at = m.end();
            }
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), false));
        }
        return out;
    }

    /** Up to {@code max} characters of the text, starting a little before the first hit so it shows. */
    public static String excerpt(String text, Set<String> terms, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        int first = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (matches(m.group(), terms)) {
                first = m.start();
                break;
            }
        }
        int start = Math.max(0, Math.min(first - max / 4, text.length() - max));
        if (start > 0) {
            int space = text.indexOf(' ', start);
            start = space > 0 && space < first ? space + 1 : start;
        }
        int end = Math.min(text.length(), start + max);
        return (start > 0 ? "…" : "") + text.substring(start, end).strip() + (end < text.length() ? "…" : "");
    }

    private static String stem(String term) {
        for (String suffix : List.of("ing", "ed", "es", "s")) {
            if (term.endsWith(suffix) && term.length() - suffix.length() >= 4) {
                return term.substring(0, term.length() - suffix.length());
            }
        }
        return term;
    }
}
