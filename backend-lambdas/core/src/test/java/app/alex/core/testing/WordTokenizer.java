package app.alex.core.testing;

import app.alex.core.chunk.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stand-in tokenizer for fast tests: each word and each punctuation mark is one piece. */
public final class WordTokenizer implements Tokenizer {
    private static final Pattern PIECE = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
    private final int maxContentTokens;

    public WordTokenizer() {
        this(254);
    }

    public WordTokenizer(int maxContentTokens) {
        this.maxContentTokens = maxContentTokens;
    }

    @Override
    public List<TokenSpan> tokenize(String text) {
        var spans = new ArrayList<TokenSpan>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            spans.add(new TokenSpan(m.start(), m.end()));
        }
        return spans;
    }

    @Override
    public int maxContentTokens() {
        return maxContentTokens;
    }
}
