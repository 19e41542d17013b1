package app.alex.desktop.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownRendererTest {
    final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void headingsBoldAndListsBecomeStyledTextWithoutMarkdownSyntax() {
        StyledText out = renderer.render("# Title\n\nSome **bold** and *soft* words.\n\n## Points\n\n- one\n- two\n\n1. first\n2. second\n");
        assertThat(out.text()).isEqualTo("Title\n\nSome bold and soft words.\n\nPoints\n\n•  one\n•  two\n\n1.  first\n2.  second");
        assertThat(out.stylesAt(out.text().indexOf("Title"))).contains("h1");
        assertThat(out.stylesAt(out.text().indexOf("bold"))).containsExactly("strong");
        assertThat(out.stylesAt(out.text().indexOf("soft"))).containsExactly("em");
        assertThat(out.stylesAt(out.text().indexOf("Points"))).contains("h2");
        assertThat(out.stylesAt(out.text().indexOf("•"))).contains("list-marker");
        assertThat(out.spans().getLast().end()).isEqualTo(out.text().length());
    }

    @Test
    void everyCitationMarkerIsClickableAlsoInsideAGroup() {
        StyledText out = renderer.render("Revenue grew [1]. Margins fell [2, 3].");
        var links = out.links();
        assertThat(links).extracting(StyledText.Link::citation).containsExactly(1, 2, 3);
        int one = out.text().indexOf("[1]");
        assertThat(out.linkAt(one + 1)).get().extracting(StyledText.Link::citation).isEqualTo(1);
        int three = out.text().indexOf("3]");
        assertThat(out.linkAt(three)).get().extracting(StyledText.Link::citation).isEqualTo(3);
        assertThat(out.stylesAt(one)).contains("citation");
        assertThat(out.linkAt(0)).isEmpty();
    }

    @Test
    void markersInCodeAreNotCitationsAndLinksKeepTheirUrl() {
        StyledText out = renderer.render("Use `arr[1]` here, see [the filing](https://sec.gov/x).");
        assertThat(out.links()).hasSize(1);
        assertThat(out.links().getFirst().url()).isEqualTo("https://sec.gov/x");
        assertThat(out.text()).contains("the filing").doesNotContain("](");
    }

    @Test
    void rawHtmlIsShownAsTextNotInterpreted() {
        StyledText out = renderer.render("<script>alert(1)</script>\n\nText <b>x</b>");
        assertThat(out.text()).contains("<script>alert(1)</script>").contains("<b>");
    }

    @Test
    void emptyOrMissingMarkdownRendersNothing() {
        assertThat(renderer.render(null).text()).isEmpty();
        assertThat(renderer.render("").spans()).isEmpty();
    }
}
