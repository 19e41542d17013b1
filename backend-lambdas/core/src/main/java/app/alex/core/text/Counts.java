package app.alex.core.text;

import java.util.Locale;

/** Counts as a person reads them in messages: "1 chunk", "1,204 chunks". */
public final class Counts {
    private Counts() {
    }

    /** {@code n} and the noun, plural by adding "s" unless {@code n} is one. */
    public static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
