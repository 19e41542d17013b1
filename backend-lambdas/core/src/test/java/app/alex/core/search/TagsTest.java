package app.alex.core.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TagsTest {
    @Test
    void aTypedLineSplitsOnCommasAndSemicolonsKeepsTheFirstSpellingAndDropsBlanks() {
        assertThat(Tags.parse(" NVDA, filings; ;nvda ,legal")).containsExactly("NVDA", "filings", "legal");
        assertThat(Tags.parse(null)).isEmpty();
        assertThat(Tags.clean(List.of("legal", "LEGAL", " "))).containsExactly("legal");
    }
}
