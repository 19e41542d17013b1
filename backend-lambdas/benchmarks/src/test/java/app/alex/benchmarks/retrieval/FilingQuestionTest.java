package app.alex.benchmarks.retrieval;

import app.alex.core.document.DocumentType;
import app.alex.core.search.SearchHit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps the SEC filings question set sound without the model: every evidence phrase must occur in
 * the text Alex's extractor gets from its filing (../shared/data/edgar beside the checkout), so a
 * change to the extractor or a typo in the set fails here, in seconds, rather than quietly lowering
 * the figures in BENCHMARKS.md.
 */
class FilingQuestionTest {
    static List<FilingQuestion> questions;
    static Map<String, String> texts;

    @BeforeAll
    static void extract() throws Exception {
        questions = FilingQuestion.load();
        texts = FilingQuestion.extract(FilingQuestion.edgarDir());
    }

    @Test
    void everyEvidencePhraseOccursInItsFilingsExtractedText() {
        assertThat(FilingQuestion.problems(questions, texts)).isEmpty();
    }

    @Test
    void theSetCoversBothCompaniesAndAllFourFilings() {
        assertThat(questions).hasSizeGreaterThanOrEqualTo(45);
        Map<String, Long> perFile = questions.stream().collect(Collectors.groupingBy(FilingQuestion::file,
                Collectors.counting()));
        assertThat(perFile.keySet()).containsExactlyInAnyOrderElementsOf(FilingQuestion.FILES);
        long apple = questions.stream().filter(q -> q.file().startsWith("aapl")).count();
        assertThat(apple).isBetween(20L, questions.size() - 15L);
        // Both companies' filings sit in one knowledge base: a question says which one it is about.
        assertThat(questions.stream().map(FilingQuestion::text)
                .filter(t -> !t.contains("Apple") && !t.contains("Tesla"))).isEmpty();
    }

    @Test
    void aMissingPhraseIsReported() {
        var bad = new FilingQuestion("q", "aapl-10-k-2024-11-01.html", "Item 7", List.of("this phrase is not in it"));
        assertThat(FilingQuestion.problems(List.of(bad), Map.of("aapl-10-k-2024-11-01.html", "some other text here")))
                .singleElement().asString().contains("not in aapl-10-k-2024-11-01.html");
    }

    @Test
    void sectionPathsNameTheirItemButNotALongerOne() {
        assertThat(FilingQuestion.sectionNames("Part I > Item 1A. Risk Factors", "Item 1A")).isTrue();
        assertThat(FilingQuestion.sectionNames("Part I > Item 1A. Risk Factors", "Item 1")).isFalse();
        assertThat(FilingQuestion.sectionNames("Part I > Item 1. Business > Human Capital", "Item 1")).isTrue();
        assertThat(FilingQuestion.sectionNames("Item 10. Directors", "Item 1")).isFalse();
        assertThat(FilingQuestion.sectionNames("PART II. OTHER INFORMATION > ITEM 1A. RISK FACTORS", "Part II Item 1A"))
                .isTrue();
        assertThat(FilingQuestion.sectionNames("PART I > ITEM 1A. RISK FACTORS", "Part II Item 1A")).isFalse();
        assertThat(FilingQuestion.sectionNames("", "Item 7")).isFalse();
        assertThatThrownBy(() -> FilingQuestion.sectionNames("Item 7", "Risk factors"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPassageAnswersByPhraseOrBySectionAndOnlyFromTheQuestionsFile() {
        var q = new FilingQuestion("How many people does Tesla employ?", "tsla-10-k-2025-01-30.html", "Item 1",
                List.of("our employee headcount worldwide was 125,665"));
        assertThat(q.answeredBy(hit("/x/tsla-10-k-2025-01-30.html", "As of December 31, 2024, our employee\n  HEADCOUNT"
                + " worldwide was 125,665.", ""))).isTrue();
        assertThat(q.answeredBy(hit("/x/tsla-10-q-2025-07-24.html", "our employee headcount worldwide was 125,665", "")))
                .isFalse();
        assertThat(q.answeredBy(hit("/x/tsla-10-k-2025-01-30.html", "Tesla is committed to a respectful workplace",
                "PART I > ITEM 1. BUSINESS > Human Capital Resources"))).isTrue();
        assertThat(q.answeredBy(hit("/x/tsla-10-k-2025-01-30.html", "Tesla is committed to a respectful workplace",
                "PART I > ITEM 1A. RISK FACTORS"))).isFalse();
    }

    private static SearchHit hit(String source, String text, String section) {
        return new SearchHit(1.0, 50, "id", "title", source, DocumentType.DOCUMENT, List.of(), null, text, 0, 0, 0,
                text.length(), section);
    }
}
