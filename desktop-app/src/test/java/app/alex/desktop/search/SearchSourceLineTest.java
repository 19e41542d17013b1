package app.alex.desktop.search;

import app.alex.core.document.DocumentType;
import app.alex.core.search.SearchHit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The line under each result's title: where the passage is, and which other documents hold it too. */
class SearchSourceLineTest {

    private static SearchHit hit(int page, String section, List<String> alsoIn) {
        return new SearchHit(0.7, 70, "gpl-3", "GPL-3", "/usr/share/common-licenses/GPL-3", DocumentType.DOCUMENT,
                List.of(), Instant.parse("2026-11-01T00:00:00Z"), "Developers that use the GNU GPL protect your rights.",
                page, 3, 0, 52, section, alsoIn);
    }

    @Test
    void aPassageOutsideAnySectionShowsNoEmptySectionMark() {
        assertThat(SearchViewModel.sourceLine(hit(0, "", List.of())))
                .isEqualTo("document · /usr/share/common-licenses/GPL-3");
    }

    @Test
    void thePageTheSectionAndTheOtherDocumentsHoldingThePassageAreNamed() {
        assertThat(SearchViewModel.sourceLine(hit(2, "Preamble", List.of("/usr/share/common-licenses/GPL"))))
                .isEqualTo("document · /usr/share/common-licenses/GPL-3 · page 2 · § Preamble · also in /usr/share/common-licenses/GPL");
    }
}
