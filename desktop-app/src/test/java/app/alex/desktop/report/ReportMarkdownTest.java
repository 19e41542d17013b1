package app.alex.desktop.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMarkdownTest {
    static final String REPORT = """

            # NVDA outlook

            **Summary.** Demand is strong [1].

            ## Key points
            - GPUs [1]

            ## Sources
            1. 10-K, page 4
            2. https://example.com

            ### Notes on sources
            more

            ## Disclaimer
            Not advice.
            """;

    @Test
    void theLeadingTitleIsDroppedBecauseTheViewShowsItAbove() {
        assertThat(ReportMarkdown.withoutLeadingTitle(REPORT)).startsWith("**Summary.**");
        assertThat(ReportMarkdown.withoutLeadingTitle("No heading here")).isEqualTo("No heading here");
        assertThat(ReportMarkdown.withoutLeadingTitle("## Second level stays")).isEqualTo("## Second level stays");
    }

    @Test
    void theSourcesSectionIsDroppedUpToTheNextHeadingOfItsLevel() {
        String out = ReportMarkdown.withoutSourcesSection(REPORT);
        assertThat(out).contains("## Key points").contains("## Disclaimer").contains("Not advice.")
                .doesNotContain("## Sources").doesNotContain("10-K, page 4").doesNotContain("Notes on sources");
    }
}
