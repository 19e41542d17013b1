package app.alex.core.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a typeset PDF broke across lines ("declara-" / "tions") made whole again, so keyword
 * search, exact terms and the model read "declarations". A hyphen at a line's end is ambiguous:
 * justified text hyphenates ("declara-tions"), and a compound may break at its own hyphen
 * ("well-known"). No dictionary decides it; the document does: a break is joined only when the
 * joined word appears elsewhere in the same document and the hyphenated one does not. Anything
 * else keeps its hyphen and line break, as before.
 */
final class HyphenatedLineEnds {
    /** Letters, a hyphen, a line break, letters: the hyphen and line break are what a join removes. */
    private static final Pattern BREAK = Pattern.compile("(\\p{L}+)-\\n(\\p{L}+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern HYPHENATED = Pattern.compile("\\p{L}+-\\p{L}+");

    private HyphenatedLineEnds() {
    }

    /** The text with its evidenced breaks joined, and the page spans moved to match. */
    record Rejoined(String text, List<ExtractedDocument.PageSpan> pages) {
    }

    static Rejoined rejoin(String text, List<ExtractedDocument.PageSpan> pages) {
        Set<String> words = lowercased(WORD.matcher(text));
        Set<String> hyphenated = lowercased(HYPHENATED.matcher(text));
        var out = new StringBuilder(text.length());
        // Positions (in the original text) of each removed "-\n", in order.
        var removed = new ArrayList<Integer>();
        int copied = 0;
        Matcher m = BREAK.matcher(text);
        while (m.find()) {
            String joined = (m.group(1) + m.group(2)).toLowerCase(Locale.ROOT);
            String kept = (m.group(1) + "-" + m.group(2)).toLowerCase(Locale.ROOT);
            if (words.contains(joined) && !hyphenated.contains(kept)) {
                int hyphen = m.end(1);
                out.append(text, copied, hyphen);
                copied = hyphen + 2;
                removed.add(hyphen);
            }
        }
        if (removed.isEmpty()) {
            return new Rejoined(text, pages);
        }
        out.append(text, copied, text.length());
        var moved = new ArrayList<ExtractedDocument.PageSpan>(pages.size());
        for (var page : pages) {
            moved.add(new ExtractedDocument.PageSpan(page.number(), shifted(page.start(), removed),
                    shifted(page.end(), removed)));
        }
        return new Rejoined(out.toString(), List.copyOf(moved));
    }

    /** An offset in the original text as an offset in the joined one: two characters fewer for each join before it. */
    private static int shifted(int offset, List<Integer> removed) {
        int before = 0;
        for (int at : removed) {
            if (at + 2 > offset) {
                break;
            }
            before++;
        }
        return offset - 2 * before;
    }

    private static Set<String> lowercased(Matcher matcher) {
        Set<String> found = new HashSet<>();
        while (matcher.find()) {
            found.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return found;
    }
}
