package app.alex.desktop.ui;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HighlightsTest {
    @Test
    void queryTermsLeaveOutStopWords() {
        assertThat(Highlights.terms("How are reinvested dividends taxed in 2025?"))
                .containsExactly("reinvested", "dividends", "taxed", "2025");
    }

    @Test
    void functionWordsOfAPlainWordsQuestionAreNotHighlighted() {
        Set<String> terms = Highlights.terms("May I distribute modified copies if we have not paid for them?");
        assertThat(terms).containsExactly("distribute", "modified", "copies", "paid");
        assertThat(Highlights.split("You may distribute copies; we have not paid.", terms))
                .filteredOn(Highlights.Segment::hit).extracting(Highlights.Segment::text)
                .containsExactly("distribute", "copies", "paid");
    }

    @Test
    void inflectionsOfAQueryWordAreHighlightedToo() {
        Set<String> terms = Highlights.terms("dividends reinvested");
        var segments = Highlights.split("A dividend is reinvested; Dividends compound.", terms);
        assertThat(segments).filteredOn(Highlights.Segment::hit).extracting(Highlights.Segment::text)
                .containsExactly("dividend", "reinvested", "Dividends");
        assertThat(String.join("", segments.stream().map(Highlights.Segment::text).toList()))
                .isEqualTo("A dividend is reinvested; Dividends compound.");
    }

    @Test
    void anExcerptStartsNearTheFirstHit() {
        String text = "x ".repeat(300) + "the dividend paid " + "y ".repeat(300);
        String excerpt = Highlights.excerpt(text, Set.of("dividend"), 100);
        assertThat(excerpt).startsWith("…").endsWith("…").contains("dividend");
        assertThat(excerpt.length()).isLessThanOrEqualTo(102);
    }
}
