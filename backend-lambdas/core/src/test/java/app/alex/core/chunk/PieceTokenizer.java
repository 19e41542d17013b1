package app.alex.core.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a word-piece tokenizer, for fast chunker tests: a word of letters and digits
 * is one piece per 6 characters (so long words become several pieces, as in WordPiece), each
 * Chinese/Japanese character is a piece, each punctuation mark is a piece. Counts its calls.
 */
final class PieceTokenizer implements Tokenizer {
    private static final String CJK = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}";
    private static final Pattern PIECE = Pattern.compile(
            "[" + CJK + "]|[\\p{L}\\p{N}&&[^" + CJK + "]]+|[^\\s\\p{L}\\p{N}]");
    static final int PIECE_CHARS = 6;

    private final int maxContentTokens;
    final AtomicInteger calls = new AtomicInteger();

    PieceTokenizer(int maxContentTokens) {
        this.maxContentTokens = maxContentTokens;
    }

    @Override
    public List<TokenSpan> tokenize(String text) {
        calls.incrementAndGet();
        var spans = new ArrayList<TokenSpan>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            for (int s = m.start(); s < m.end(); s += PIECE_CHARS) {
                spans.add(new TokenSpan(s, Math.min(m.end(), s + PIECE_CHARS)));
            }
        }
        return spans;
    }

    @Override
    public int maxContentTokens() {
        return maxContentTokens;
    }
}
