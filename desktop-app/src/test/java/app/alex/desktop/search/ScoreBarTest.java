package app.alex.desktop.search;

import app.alex.core.document.DocumentType;
import app.alex.core.search.SearchHit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreBarTest {
    private static SearchHit hit(double rankScore, Integer relevance) {
        return new SearchHit(rankScore, relevance, "d", "Title", "/d", DocumentType.DOCUMENT, List.of(), Instant.EPOCH,
                "text", 0, 0, 0, 4);
    }

    @Test
    void theBarAndItsLabelShowTheRelevancePercentageNotTheReciprocalRankSum() {
        // A hybrid hit: rank score 0.0328 (a reciprocal-rank sum), relevance 41%.
        SearchHit weakBest = hit(0.0328, 41);

        assertThat(SearchViewModel.barFill(weakBest, 0.0328)).isEqualTo(0.41);
        assertThat(SearchViewModel.score(weakBest)).isEqualTo("41%");
    }

    @Test
    void aKeywordHitWhichComparesNoMeaningIsLabelledWithItsBm25Score() {
        assertThat(SearchViewModel.score(hit(7.314, null))).isEqualTo("BM25 7.31");
        assertThat(SearchViewModel.barFill(hit(7.314, null), 14.628)).isEqualTo(0.5);
    }
}
