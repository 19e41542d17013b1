package app.alex.desktop.ui;

import app.alex.core.research.Citation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A citation leads to the page of a local PDF, to the Library for other passages, to the browser for the web. */
class CitationFollowTest {
    private final List<String> went = new ArrayList<>();
    private final Navigator navigator = new Navigator() {
        @Override
        public void show(Screen screen) {
            went.add("screen " + screen);
        }

        @Override
        public void openPassage(String documentId, int chunkIndex) {
            went.add("passage " + documentId + "#" + chunkIndex);
        }

        @Override
        public void openExternal(String uriOrPath) {
            went.add("external " + uriOrPath);
        }

        @Override
        public void showPage(String source, String title, int page, String passage) {
            went.add("page " + page + " of " + source + " marking '" + passage + "'");
        }
    };

    @Test
    void aPassageOfALocalPdfOpensItsPageWithTheQuoteMarked() {
        navigator.follow(new Citation(1, Citation.Kind.PASSAGE, "d1", 4, 12, "Q3 filing", "/filings/q3.pdf", "Margins fell."));

        assertThat(went).containsExactly("page 12 of /filings/q3.pdf marking 'Margins fell.'");
    }

    @Test
    void otherPassagesOpenInTheLibraryAndWebSourcesInTheBrowser() {
        navigator.follow(new Citation(1, Citation.Kind.PASSAGE, "d2", 3, "Note", "/notes/copper.md", "Copper rose."));
        navigator.follow(new Citation(2, Citation.Kind.PASSAGE, "d3", 0, 5, "Remote PDF", "https://example.com/q3.pdf", "x"));
        navigator.follow(new Citation(3, Citation.Kind.WEB, null, -1, "Reuters", "https://example.com/news", "y"));

        assertThat(went).containsExactly("passage d2#3", "passage d3#0", "external https://example.com/news");
    }
}
