package app.alex.aws.s3vectors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a text that a model cannot read but an analyst types exactly: codes with letters
 * and digits (a part number "XR-7704", "10-K", "FY2024", "Q3", an order "qzx7741") and short
 * all-capital words (tickers and acronyms: "NVDA", "EBITDA", "GAAP"). S3 Vectors has no full-text
 * ranking; a passage's exact terms are stored as a filterable list beside its vector, and a hybrid
 * search also asks for the passages holding the query's exact terms (see {@link S3VectorsIndex}).
 * Lower-cased, in order of first appearance, each once.
 */
final class ExactTerms {
    /** Letters and digits, joined by single inner hyphens, dots, slashes or underscores ("ASC-842", "v2.1"). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-./_][\\p{L}\\p{N}]+)*");
    /** Longer runs are hashes or data, not something a person types. */
    static final int MAX_TERM_CHARS = 32;

    private ExactTerms() {
    }

    static List<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            if (word.length() <= MAX_TERM_CHARS && isExact(word)) {
                out.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(out);
    }

    /** A code (letters and digits both) or a short all-capital word of two to six letters. */
    static boolean isExact(String word) {
        boolean letter = false;
        boolean digit = false;
        boolean lower = false;
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
                letters++;
                lower |= Character.isLowerCase(c);
            } else if (Character.isDigit(c)) {
                digit = true;
            }
        }
        return (letter && digit) || (!digit && !lower && letters >= 2 && letters <= 6 && letters == word.length());
    }
}
