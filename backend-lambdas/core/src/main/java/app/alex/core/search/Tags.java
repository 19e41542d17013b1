package app.alex.core.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Tags and tickers are stored as the user typed them ("legal", "NVDA") and compared
 * case-insensitively: {@link #normalize} gives the key that indexes and filters match on
 * ("nvda" and "NVDA" are one tag).
 */
public final class Tags {
    private Tags() {
    }

    /** The case-insensitive key a tag is matched by. */
    public static String normalize(String tag) {
        return tag == null ? "" : tag.strip().toUpperCase(Locale.ROOT);
    }

    /** Keys of the tags: normalised, de-duplicated, blank ones dropped, order kept. */
    public static List<String> normalizeAll(Collection<String> tags) {
        return clean(tags).stream().map(Tags::normalize).toList();
    }

    /** Tags typed as one line, commas or semicolons between them ("NVDA, filings"), cleaned as {@link #clean}. */
    public static List<String> parse(String line) {
        return line == null ? List.of() : clean(List.of(line.split("[,;]")));
    }

    /**
     * The tags to store: trimmed, spelled as typed, blank ones dropped, and one of each key (the
     * first spelling wins: "legal, LEGAL" is "legal"), order kept.
     */
    public static List<String> clean(Collection<String> tags) {
        if (tags == null) {
            return List.of();
        }
        var keys = new HashSet<String>();
        var out = new ArrayList<String>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip();
            if (!t.isEmpty() && keys.add(normalize(t))) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
