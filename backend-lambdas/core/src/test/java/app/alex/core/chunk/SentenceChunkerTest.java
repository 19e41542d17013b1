package app.alex.core.chunk;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SentenceChunkerTest {
    private static final String[] WORDS = ("the fund recorded reinvested dividends as income while the manager "
            + "reported higher yields on municipal bonds and lower duration across the portfolio during quarter "
            + "analysts expect revenue growth margins improved cash flow remained strong despite currency headwinds")
            .split(" ");

    /** Sentences of 6 to 18 words, each ending with a period; deterministic. */
    private static String sentences(int count, long seed) {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (int s = 0; s < count; s++) {
            int words = 6 + random.nextInt(13);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                text.append(w == words - 1 ? ". " : " ");
            }
            if (s % 7 == 6) {
                text.append("\n\n");
            }
        }
        return text.toString().strip();
    }

    /** The invariants every chunking must keep; returns the chunks for further checks. */
    private static List<TextChunk> assertWellFormed(String text, List<TextChunk> chunks, PieceTokenizer tokenizer,
                                                    int maxTokens) {
        assertThat(chunks).isNotEmpty();
        for (int i = 0; i < chunks.size(); i++) {
            TextChunk c = chunks.get(i);
            assertThat(c.index()).isEqualTo(i);
            assertThat(c.text()).isNotBlank();
            assertThat(c.text()).isEqualTo(text.substring(c.startOffset(), c.endOffset()));
            assertThat(c.text()).isEqualTo(c.text().strip());
            assertThat(c.tokenCount()).isBetween(1, maxTokens);
            assertThat(c.tokenCount()).as("token count of chunk %d", i).isEqualTo(tokenizer.tokenize(c.text()).size());
            if (i > 0) {
                assertThat(c.startOffset()).isGreaterThan(chunks.get(i - 1).startOffset());
                assertThat(c.endOffset()).isGreaterThan(chunks.get(i - 1).endOffset());
            }
        }
        // Nothing is lost: every word piece of the text lies inside some chunk.
        int chunk = 0;
        for (Tokenizer.TokenSpan piece : tokenizer.tokenize(text)) {
            while (chunk < chunks.size() && chunks.get(chunk).endOffset() < piece.end()) {
                chunk++;
            }
            assertThat(chunk).as("piece at %d is in a chunk", piece.start()).isLessThan(chunks.size());
            assertThat(chunks.get(chunk).startOffset()).isLessThanOrEqualTo(piece.start());
        }
        return chunks;
    }

    @Test
    void aShortTextBecomesOneChunkHoldingAllOfIt() {
        var tokenizer = new PieceTokenizer(254);
        String text = "  Revenue rose 5% in 2024. Margins held.\n";
        List<TextChunk> chunks = new SentenceChunker(tokenizer, 254, 32).chunk(text);
        assertThat(chunks).containsExactly(new TextChunk(0, 2, 40, "Revenue rose 5% in 2024. Margins held.", 12));
    }

    @Test
    void blankTextGivesNoChunks() {
        var chunker = new SentenceChunker(new PieceTokenizer(254), 254, 32);
        assertThat(chunker.chunk("")).isEmpty();
        assertThat(chunker.chunk(" \n\t\n ")).isEmpty();
        assertThat(chunker.chunk(null)).isEmpty();
    }

    @Test
    void theConstructorRefusesLimitsTheModelCannotUse() {
        var tokenizer = new PieceTokenizer(254);
        assertThatThrownBy(() -> new SentenceChunker(tokenizer, 300, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentenceChunker(tokenizer, 100, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongTextIsCutIntoManyChunksOfWholeSentencesNoneOverTheLimit() {
        var tokenizer = new PieceTokenizer(254);
        String text = sentences(400, 1);
        List<TextChunk> chunks = assertWellFormed(text, new SentenceChunker(tokenizer, 100, 16).chunk(text),
                tokenizer, 100);
        assertThat(chunks.size()).isGreaterThan(30);
        for (TextChunk c : chunks) {
            assertThat(c.text()).as("a chunk ends at a sentence end").endsWith(".");
            assertThat(Character.isUpperCase(c.text().charAt(0))).as("a chunk starts a sentence").isTrue();
        }
        // Packed, not one sentence per chunk: on average well over half full.
        double mean = chunks.stream().mapToInt(TextChunk::tokenCount).average().orElseThrow();
        assertThat(mean).isGreaterThan(60);
    }

    @Test
    void consecutiveChunksRepeatAboutOverlapTokensOfTrailingSentences() {
        var tokenizer = new PieceTokenizer(254);
        int overlap = 16;
        String text = sentences(300, 2);
        List<TextChunk> chunks = assertWellFormed(text, new SentenceChunker(tokenizer, 100, overlap).chunk(text),
                tokenizer, 100);
        int overlapping = 0;
        for (int i = 1; i < chunks.size(); i++) {
            TextChunk previous = chunks.get(i - 1);
            TextChunk next = chunks.get(i);
            if (next.startOffset() < previous.endOffset()) {
                overlapping++;
                String repeated = text.substring(next.startOffset(), previous.endOffset());
                int repeatedTokens = tokenizer.tokenize(repeated).size();
                assertThat(repeatedTokens).isBetween(1, 2 * overlap);
                assertThat(repeated).endsWith(".");
            }
        }
        // Sentences here have 7-19 pieces, so one or two of them make the overlap almost every time.
        assertThat(overlapping).isGreaterThan((chunks.size() - 1) * 8 / 10);
    }

    @Test
    void withoutOverlapChunksFollowEachOtherWithoutRepeating() {
        var tokenizer = new PieceTokenizer(254);
        String text = sentences(200, 3);
        List<TextChunk> chunks = assertWellFormed(text, new SentenceChunker(tokenizer, 64, 0).chunk(text),
                tokenizer, 64);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startOffset()).isGreaterThan(chunks.get(i - 1).endOffset());
        }
    }

    @Test
    void aSentenceLongerThanAChunkIsCutAtBlanksBetweenWords() {
        var tokenizer = new PieceTokenizer(254);
        var giant = new StringBuilder("Intro sentence here. ");
        for (int i = 0; i < 600; i++) {
            giant.append(WORDS[i % WORDS.length]).append(i % 50 == 49 ? ", " : " ");
        }
        giant.append("end. Outro sentence here.");
        String text = giant.toString();
        List<TextChunk> chunks = assertWellFormed(text, new SentenceChunker(tokenizer, 50, 8).chunk(text),
                tokenizer, 50);
        assertThat(chunks.size()).isGreaterThanOrEqualTo(600 / 50);
        for (TextChunk c : chunks) {
            if (c.startOffset() > 0) {
                assertThat(Character.isWhitespace(text.charAt(c.startOffset() - 1)))
                        .as("chunk %d starts after a blank", c.index()).isTrue();
            }
        }
    }

    @Test
    void aOneMegabyteLineWithoutPunctuationIsCutIntoBoundedChunksWithOneTokenizerCall() {
        var tokenizer = new PieceTokenizer(254);
        var line = new StringBuilder(1 << 20);
        var random = new Random(4);
        while (line.length() < (1 << 20)) {
            line.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        String text = line.toString().strip();
        var chunker = new SentenceChunker(tokenizer, 254, 32);
        List<TextChunk> chunks = chunker.chunk(text);
        // The chunker tokenizes the whole text once, however long: no per-sentence re-tokenizing.
        assertThat(tokenizer.calls.get()).isEqualTo(1);
        assertThat(chunks.size()).isGreaterThan(600);
        for (TextChunk c : chunks) {
            // Cut at the last blank within the limit: full but for the last one.
            assertThat(c.tokenCount()).isBetween(c == chunks.getLast() ? 1 : 240, 254);
            assertThat(c.text()).isEqualTo(text.substring(c.startOffset(), c.endOffset()));
        }
        assertThat(chunks.getFirst().startOffset()).isZero();
        assertThat(chunks.getLast().endOffset()).isEqualTo(text.length());
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startOffset()).isEqualTo(chunks.get(i - 1).endOffset() + 1);
        }
    }

    @Test
    void oneHugeWordWithoutBlanksIsCutBetweenItsPieces() {
        var tokenizer = new PieceTokenizer(254);
        String text = "x".repeat(6 * 1000); // 1,000 pieces of 6 characters, no blank anywhere
        List<TextChunk> chunks = assertWellFormed(text, new SentenceChunker(tokenizer, 100, 10).chunk(text),
                tokenizer, 100);
        assertThat(chunks).hasSize(10);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isEqualTo(100));
    }

    @Test
    void chineseAndJapaneseTextWithoutSpacesIsCutAtSentenceMarksAndBetweenCharacters() {
        var tokenizer = new PieceTokenizer(254);
        var text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append(i % 2 == 0 ? "本ファンドは再投資された配当を収益として計上しました。" : "分析师预计收入将继续增长并且利润率有所改善。");
        }
        text.append("这是一个没有标点符号的很长的句子".repeat(40)); // 640 characters, no sentence mark
        String cjk = text.toString();
        List<TextChunk> chunks = assertWellFormed(cjk, new SentenceChunker(tokenizer, 64, 12).chunk(cjk),
                tokenizer, 64);
        assertThat(chunks.size()).isGreaterThan(100);
        long endingAtSentenceMark = chunks.stream().filter(c -> c.text().endsWith("。")).count();
        assertThat(endingAtSentenceMark).isGreaterThan(chunks.size() / 2);
    }

    @Test
    void aBlankLineEndsASentenceEvenWithoutPunctuation() {
        var tokenizer = new PieceTokenizer(254);
        String first = "Results of the fund in the first quarter show higher yields on bonds and "
                + "lower duration across the portfolio while cash flow remained strong";
        String second = "Outlook for the second quarter expects revenue growth and improved margins "
                + "despite currency headwinds in several markets across the region";
        String text = first + "\n\n" + second;
        assertThat(tokenizer.tokenize(first).size() + tokenizer.tokenize(second).size()).isGreaterThan(40);
        List<TextChunk> chunks = new SentenceChunker(tokenizer, 40, 8).chunk(text);
        assertThat(chunks).extracting(TextChunk::text).containsExactly(first, second);
    }

    @Test
    void offsetsRoundTripOnMessyText() {
        var tokenizer = new PieceTokenizer(254);
        String text = "\n\n  Title line\n\n\tIndented paragraph. With  double  spaces.\r\n\r\nA line\nbroken "
                + "in\nthe middle. " + sentences(60, 5) + "\n\n  \n  trailing words without end  \n";
        List<TextChunk> chunks = assertWellFormed(text, new SentenceChunker(tokenizer, 40, 8).chunk(text),
                tokenizer, 40);
        assertThat(chunks.getFirst().text()).startsWith("Title line");
        assertThat(chunks.getLast().text()).endsWith("trailing words without end");
    }

    @Test
    void chunkingIsDeterministic() {
        var tokenizer = new PieceTokenizer(254);
        String text = sentences(500, 6);
        var chunker = new SentenceChunker(tokenizer, 128, 24);
        assertThat(chunker.chunk(text)).isEqualTo(chunker.chunk(text));
    }

    @Test
    void aThreeHundredPageTextIsChunkedWithOneTokenizerCall() {
        var tokenizer = new PieceTokenizer(254);
        String text = sentences(300 * 25, 7); // about 300 pages of 25 sentences
        var chunker = new SentenceChunker(tokenizer, 254, 32);
        List<TextChunk> chunks = new ArrayList<>(chunker.chunk(text));
        assertThat(tokenizer.calls.get()).isEqualTo(1);
        assertWellFormed(text, chunks, tokenizer, 254);
    }
}
