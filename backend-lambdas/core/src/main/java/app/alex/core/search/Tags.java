package app.alex.core.search;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Tags and tickers are compared case-insensitively; stored upper case ("nvda" and "NVDA" are one tag). */
public final class Tags {
    private Tags() {
    }

    public static String normalize(String tag) {
        return tag == null ? "" : tag.strip().toUpperCase(Locale.ROOT);
    }

    /** Normalised, de-duplicated, blank ones dropped, order kept. */
    public static List<String> normalizeAll(Collection<String> tags) {
        if (tags == null) {
            return List.of();
        }
        var out = new LinkedHashSet<String>();
        for (String tag : tags) {
            String t = normalize(tag);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
