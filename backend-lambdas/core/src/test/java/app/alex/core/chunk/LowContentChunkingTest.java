package app.alex.core.chunk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Table-of-contents lines, page numbers and running footers are not passages. */
class LowContentChunkingTest {
    private static final String RISKS = "Supply of advanced chips depends on a single foundry in Taiwan, and any "
            + "disruption there would delay shipments for several quarters.";
    private static final String LIQUIDITY = "The company held 65 billion dollars in cash and marketable securities at "
            + "year end and repurchased 95 billion dollars of its stock.";

    private static List<TextChunk> chunk(String text) {
        return new SentenceChunker(new PieceTokenizer(254), 254, 32).chunk(text);
    }

    private static String all(List<TextChunk> chunks) {
        return String.join("\n", chunks.stream().map(TextChunk::text).toList());
    }

    @Test
    void contentsLinesWithDotLeadersAreLeftOutAndNoPassageSpansThem() {
        String text = RISKS + "\n\nTABLE OF CONTENTS\n"
                + "Item 1. Business ............................................ 1\n"
                + "Item 1A. Risk Factors ....................................... 5\n"
                + "Item 7. Management's Discussion and Analysis . . . . . . . . 21\n\n" + LIQUIDITY;

        List<TextChunk> chunks = chunk(text);

        assertThat(all(chunks)).contains(RISKS, LIQUIDITY).doesNotContain("....", ". . . .", "TABLE OF CONTENTS");
        for (TextChunk c : chunks) {
            assertThat(c.text()).isEqualTo(text.substring(c.startOffset(), c.endOffset()));
        }
    }

    @Test
    void aContentsTableLaidOutOneCellALineAsInAFilingIsLeftOut() {
        // How Apple's 10-K contents table reads once extracted from its HTML: item, title, page, each a paragraph.
        String toc = String.join("\n\n", "Page", "Part I", "Item 1.", "Business", "1", "Item 1A.", "Risk Factors", "5",
                "Item 1B.", "Unresolved Staff Comments", "17", "Item 2.", "Properties", "18", "Item 3.", "Legal Proceedings",
                "18", "Part II", "Item 5.", "Market for Registrant's Common Equity", "19");
        String text = RISKS + "\n\n" + toc + "\n\nItem 1A. Risk Factors\n\n" + LIQUIDITY;

        String kept = all(chunk(text));

        assertThat(kept).contains(RISKS, LIQUIDITY, "Item 1A. Risk Factors").doesNotContain("Unresolved Staff Comments",
                "Legal Proceedings");
    }

    @Test
    void barePageNumbersAndRunningFootersAreLeftOut() {
        String text = RISKS + "\nApple Inc. | 2024 Form 10-K | 12\n\n- 13 -\n\n" + LIQUIDITY;

        String kept = all(chunk(text));

        assertThat(kept).contains(RISKS, LIQUIDITY).doesNotContain("Form 10-K | 12", "- 13 -");
    }

    @Test
    void aTextOfNothingButAContentsListIsStillKeptRatherThanLost() {
        String text = "Item 1. Business ........ 1\nItem 1A. Risk Factors ........ 5";

        assertThat(all(chunk(text))).contains("Risk Factors");
    }
}
