package app.alex.aws.s3vectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExactTermsTest {

    @Test
    void codesTickersAndAcronymsAreExactTermsAndOrdinaryWordsAndBareNumbersAreNot() {
        assertThat(ExactTerms.of("NVDA's FY2024 10-K: part XR-7704 (rev. v2.1) passed ASC 842 and EBITDA rose 12% to $391,035."))
                .containsExactly("nvda", "fy2024", "10-k", "xr-7704", "v2.1", "asc", "ebitda");
        assertThat(ExactTerms.of("Revenue rose in the Americas, Europe and Greater China; the Company expects growth."))
                .isEmpty();
        assertThat(ExactTerms.of("order qzx7741, then Order QZX7741 again")).as("once each, lower-cased")
                .containsExactly("qzx7741");
    }

    @Test
    void headingsInCapitalsGiveOnlyTheirShortWordsAndLongRunsAreLeftOut() {
        assertThat(ExactTerms.of("RISK FACTORS")).containsExactly("risk");
        assertThat(ExactTerms.of("sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).containsExactly("sha256");
    }
}
