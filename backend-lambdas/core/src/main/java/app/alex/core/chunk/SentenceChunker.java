package app.alex.core.chunk;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into passages that the embedding model reads whole: sentence-aware, at most
 * {@code maxTokens} word pieces of the model's own tokenizer each, with about
 * {@code overlapTokens} word pieces of the previous passage repeated at the start of the next so
 * a fact straddling a boundary is still found. Low-content lines (a table of contents, page
 * numbers, running footers: see {@link LowContentLines}) are left out, and no passage spans them.
 */
public final class SentenceChunker {
    /** A blank line: sentences never run across it. */
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n");
    private final Tokenizer tokenizer;
    private final int maxTokens;
    private final int overlapTokens;

    public SentenceChunker(Tokenizer tokenizer) {
        this(tokenizer, tokenizer.maxContentTokens(), 32);
    }

    public SentenceChunker(Tokenizer tokenizer, int maxTokens, int overlapTokens) {
        this.tokenizer = Objects.requireNonNull(tokenizer);
        if (maxTokens < 8 || maxTokens > tokenizer.maxContentTokens()) {
            throw new IllegalArgumentException("maxTokens must be in 8.." + tokenizer.maxContentTokens());
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be in 0.." + (maxTokens / 2 - 1));
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /**
     * Passages in document order; offsets index into {@code text}; blank text gives none.
     *
     * <p>The text is tokenized once; sentences ({@link BreakIterator}, never across a blank line)
     * are packed whole while they fit, the next passage repeats about {@code overlapTokens} of the
     * trailing sentences, and a sentence longer than a passage is cut between word pieces, at a
     * blank where one is near. Each passage's text is {@code text.substring(start, end)}, trimmed,
     * and its token count is the number of word pieces that start inside it.
     */
    public List<TextChunk> chunk(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Pieces pieces = Pieces.of(tokenizer.tokenize(text));
        List<Unit> units = units(text, pieces, LowContentLines.find(text));
        if (units.isEmpty()) {
            // Nothing but low-content lines (a page of numbers, a bare contents list): keep it rather than lose the document.
            units = units(text, pieces, new BitSet());
        }
        return pack(text, units);
    }

    /**
     * A sentence, or a slice of a sentence too long for one passage: trimmed char span and its word
     * pieces; {@code afterGap} when low-content lines were left out just before it, so no passage
     * reaches back across them.
     */
    private record Unit(int start, int end, int tokens, boolean afterGap) {
    }

    /** Word-piece spans as two arrays in text order (the port promises order; this makes sure). */
    private record Pieces(int[] start, int[] end) {
        static Pieces of(List<Tokenizer.TokenSpan> spans) {
            var sorted = spans;
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i).start() < spans.get(i - 1).start()) {
                    sorted = new ArrayList<>(spans);
                    sorted.sort(Comparator.comparingInt(Tokenizer.TokenSpan::start));
                    break;
                }
            }
            int[] start = new int[sorted.size()];
            int[] end = new int[sorted.size()];
            for (int i = 0; i < start.length; i++) {
                start[i] = sorted.get(i).start();
                end[i] = sorted.get(i).end();
            }
            return new Pieces(start, end);
        }

        int size() {
            return start.length;
        }
    }

    private List<Unit> units(String text, Pieces pieces, BitSet lowContent) {
        BitSet bounds = sentenceBounds(text);
        // Low-content lines are sentences of their own, so they can be left out whole.
        for (int b = lowContent.nextSetBit(0); b >= 0; b = lowContent.nextSetBit(b)) {
            int after = lowContent.nextClearBit(b);
            bounds.set(b);
            bounds.set(Math.min(after, text.length()));
            b = after;
        }
        var units = new ArrayList<Unit>();
        boolean gap = false;
        int token = 0;
        int from = 0;
        for (int to = bounds.nextSetBit(1); to >= 0; from = to, to = bounds.nextSetBit(to + 1)) {
            int first = token;
            while (token < pieces.size() && pieces.start[token] < to) {
                token++;
            }
            int s = from;
            int e = to;
            while (s < e && isSpace(text.charAt(s))) {
                s++;
            }
            while (e > s && isSpace(text.charAt(e - 1))) {
                e--;
            }
            if (s == e) {
                continue; // blank between sentences
            }
            if (token > first) {
                s = Math.min(s, pieces.start[first]);
                e = Math.max(e, pieces.end[token - 1]);
            }
            if (lowContent.nextClearBit(s) >= e) {
                gap = true;
                continue;
            }
            int before = units.size();
            addSentence(text, pieces, s, e, first, token, units);
            if (gap && units.size() > before) {
                Unit u = units.get(before);
                units.set(before, new Unit(u.start(), u.end(), u.tokens(), true));
                gap = false;
            }
        }
        return units;
    }

    /** Sentence ends from the break iterator plus every paragraph break (a blank line). */
    private static BitSet sentenceBounds(String text) {
        var bounds = new BitSet(text.length() + 1);
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        for (int b = sentences.first(); b != BreakIterator.DONE; b = sentences.next()) {
            bounds.set(b);
        }
        Matcher paragraph = PARAGRAPH_BREAK.matcher(text);
        while (paragraph.find()) {
            bounds.set(paragraph.end());
        }
        bounds.set(text.length());
        return bounds;
    }

    /** Adds a sentence as one unit, or as slices of at most maxTokens pieces when it is longer. */
    private void addSentence(String text, Pieces pieces, int s, int e, int first, int end, List<Unit> units) {
        int p = first;
        int sliceStart = s;
        while (end - p > maxTokens) {
            int cut = cutPoint(text, pieces, p);
            if (cut < 0) {
                // Pathological: more than maxTokens pieces share one span (a single giant "word"). It
                // cannot be cut inside, so it goes whole; the model reads its first maxTokens pieces.
                int next = p + maxTokens;
                while (next < end && pieces.start[next] <= pieces.start[next - 1]) {
                    next++;
                }
                int sliceEnd = next < end ? trimEnd(text, sliceStart, pieces.start[next]) : e;
                units.add(new Unit(sliceStart, sliceEnd, maxTokens, false));
                if (next >= end) {
                    return;
                }
                sliceStart = pieces.start[next];
                p = next;
                continue;
            }
            units.add(new Unit(sliceStart, trimEnd(text, sliceStart, pieces.start[cut]), cut - p, false));
            sliceStart = pieces.start[cut];
            p = cut;
        }
        units.add(new Unit(sliceStart, e, end - p, false));
    }

    /**
     * Where to end a slice that starts at piece {@code p}: the last piece boundary within
     * maxTokens that has a blank before it, if it keeps at least half a passage; else the last
     * boundary between distinct spans (inside a word, or in text without spaces); -1 if none.
     */
    private int cutPoint(String text, Pieces pieces, int p) {
        int limit = p + maxTokens;
        int anyCut = -1;
        for (int c = limit; c > p; c--) {
            if (pieces.start[c] <= pieces.start[c - 1]) {
                continue; // pieces of one span cannot be told apart in the text
            }
            if (anyCut < 0) {
                anyCut = c;
            }
            if (pieces.end[c - 1] < pieces.start[c] && hasSpace(text, pieces.end[c - 1], pieces.start[c])) {
                return c;
            }
            if (c - p <= maxTokens / 2) {
                break;
            }
        }
        return anyCut;
    }

    private List<TextChunk> pack(String text, List<Unit> units) {
        var chunks = new ArrayList<TextChunk>();
        int i = 0;
        int n = units.size();
        while (i < n) {
            int j = i;
            int tokens = 0;
            while (j < n && tokens + units.get(j).tokens() <= maxTokens && (j == i || !units.get(j).afterGap())) {
                tokens += units.get(j).tokens();
                j++;
            }
            if (tokens > 0) {
                int start = units.get(i).start();
                int end = units.get(j - 1).end();
                chunks.add(new TextChunk(chunks.size(), start, end, text.substring(start, end), tokens));
            }
            if (j >= n) {
                break;
            }
            if (units.get(j).afterGap()) {
                i = j; // no overlap across left-out lines
                continue;
            }
            int k = overlapStart(units, i, j);
            int carried = 0;
            for (int u = k; u < j; u++) {
                carried += units.get(u).tokens();
            }
            while (k < j && carried + units.get(j).tokens() > maxTokens) {
                carried -= units.get(k).tokens();
                k++;
            }
            i = k;
        }
        return chunks;
    }

    /**
     * First unit of the overlap repeated at the start of the next passage: the fewest trailing
     * units that reach overlapTokens, at most twice that, never the whole passage.
     */
    private int overlapStart(List<Unit> units, int i, int j) {
        if (overlapTokens == 0) {
            return j;
        }
        int total = 0;
        int k = j;
        while (k - 1 > i && total < overlapTokens) {
            int t = units.get(k - 1).tokens();
            if (total + t > 2 * overlapTokens) {
                break;
            }
            total += t;
            k--;
        }
        return k;
    }

    private static int trimEnd(String text, int from, int end) {
        while (end > from && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean hasSpace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isSpace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    public int maxTokens() {
        return maxTokens;
    }

    public int overlapTokens() {
        return overlapTokens;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }
}
