package app.alex.minilm;

import app.alex.core.chunk.Tokenizer.TokenSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MiniLmTokenizerTest {
    static MiniLmTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = MiniLmTokenizer.load();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void loadingTheTokenizerTurnsOffDjlsMetadataProbeAndTelemetry() {
        // DJL's own decisions, read from DJL: Ec2Utils.callHome returns at once in offline mode or opted out.
        assertThat(ai.djl.util.Utils.isOfflineMode()).isTrue();
        assertThat(ai.djl.util.Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void wordPiecesHaveNoSpecialTokensAndTheirSpansPointIntoTheText() {
        String text = "Unbelievable earnings, NVDA!";
        List<TokenSpan> spans = tokenizer.tokenize(text);

        assertThat(spans).isNotEmpty();
        assertThat(spans).allSatisfy(s -> assertThat(s.end()).isLessThanOrEqualTo(text.length()));
        assertThat(text.substring(spans.getFirst().start(), spans.getFirst().end())).startsWith("Un");
        assertThat(text.substring(spans.getLast().start(), spans.getLast().end())).isEqualTo("!");
    }

    @Test
    void countingIsNotTruncatedAt128Pieces() {
        assertThat(tokenizer.tokenize("word ".repeat(600))).hasSize(600);
    }

    @Test
    void modelInputIsTruncatedAt256WithSpecialTokens() {
        long[] ids = tokenizer.inputIds("word ".repeat(600));

        assertThat(ids).hasSize(256);
        assertThat(ids[0]).isEqualTo(101L);   // [CLS]
        assertThat(ids[255]).isEqualTo(102L); // [SEP]
        assertThat(tokenizer.maxContentTokens()).isEqualTo(254);
    }
}
