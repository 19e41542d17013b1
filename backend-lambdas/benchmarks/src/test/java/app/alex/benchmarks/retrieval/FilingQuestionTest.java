package app.alex.benchmarks.retrieval;

import app.alex.core.document.DocumentType;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.ExtractedDocument.SectionSpan;
import app.alex.core.search.SearchHit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps the SEC filings question set sound without the model: every evidence phrase must occur in
 * the text Alex's extractor gets from its filing (../shared/data/edgar beside the checkout), and every
 * Item label of a question must be backed by a phrase that lies inside that Item's section of the
 * extracted text, so a change to the extractor or a typo in the set fails here, in seconds, rather
 * than quietly lowering the figures in BENCHMARKS.md.
 */
class FilingQuestionTest {
    static List<FilingQuestion> questions;
    static Map<String, ExtractedDocument> documents;

    @BeforeAll
    static void extract() throws Exception {
        questions = FilingQuestion.load();
        documents = FilingQuestion.extract(FilingQuestion.edgarDir());
    }

    @Test
    void everyEvidencePhraseOccursInItsFilingsExtractedTextAndEveryItemLabelHasOneInsideIt() {
        assertThat(FilingQuestion.problems(questions, documents)).isEmpty();
    }

    @Test
    void theFilingsHaveTheSectionsTheLabelsNeed() {
        // Without section paths the label check above would have nothing to check against.
        documents.forEach((file, document) -> assertThat(document.sections()).as(file).hasSizeGreaterThan(20));
        assertThat(questions.stream().filter(q -> q.items().size() > 1)).isNotEmpty();
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
        var bad = new FilingQuestion("q", "aapl-10-k-2024-11-01.html", List.of("Item 7"),
                List.of("this phrase is not in it"));
        String text = "some other text here";
        var document = doc(text, new SectionSpan("Part II > Item 7. MD&A", 0, text.length()));
        assertThat(FilingQuestion.problems(List.of(bad), Map.of("aapl-10-k-2024-11-01.html", document)))
                .first().asString().contains("not in aapl-10-k-2024-11-01.html");
    }

    @Test
    void aLabelWithoutAPhraseInsideItsItemIsReported() {
        String text = "Item 7. MD&A\nDuring 2024, the Company repurchased $95.0 billion of its common stock.\n"
                + "Item 8. Financial Statements\nNote 9 Term Debt:\n  the Notes mature between 2024 and 2062.\n";
        int item8 = text.indexOf("Item 8.");
        var document = doc(text, new SectionSpan("Part II > Item 7. MD&A", 0, item8),
                new SectionSpan("Part II > Item 8. Financial Statements > Term Debt", item8, text.length()));
        var files = Map.of("aapl-10-k-2024-11-01.html", document);
        // Both labels backed: one phrase lies in Item 7, the other (across a line break, in other case) in Item 8.
        var sound = new FilingQuestion("q", "aapl-10-k-2024-11-01.html", List.of("Item 7", "Item 8"),
                List.of("the Company repurchased $95.0 billion", "Note 9 TERM DEBT: the Notes mature"));
        assertThat(FilingQuestion.problems(List.of(sound), files)).isEmpty();
        // Item 8 claimed, but its only phrase lies in Item 7: the label is reported, the phrase itself is fine.
        var unbacked = new FilingQuestion("q", "aapl-10-k-2024-11-01.html", List.of("Item 7", "Item 8"),
                List.of("the Company repurchased $95.0 billion"));
        assertThat(FilingQuestion.problems(List.of(unbacked), files)).singleElement().asString()
                .contains("no evidence phrase lies inside Item 8");
        // "Item 1" is not backed by a phrase in Item 1A (nor anywhere outside Item 1).
        var longer = new FilingQuestion("q", "aapl-10-k-2024-11-01.html", List.of("Item 1"),
                List.of("the Company repurchased $95.0 billion"));
        var in1A = Map.of("aapl-10-k-2024-11-01.html", doc(text, new SectionSpan("Part I > Item 1A. Risk Factors", 0,
                text.length())));
        assertThat(FilingQuestion.problems(List.of(longer), in1A)).singleElement().asString()
                .contains("inside Item 1 of");
    }

    @Test
    void theItemColumnHoldsOneOrSeveralLabels() {
        assertThat(FilingQuestion.parseItems("Item 7")).containsExactly("Item 7");
        assertThat(FilingQuestion.parseItems("Item 7; Item 8 ;Item 1A")).containsExactly("Item 7", "Item 8", "Item 1A");
        assertThat(FilingQuestion.parseItems("Part I Item 2; Part II Item 1A")).containsExactly("Part I Item 2",
                "Part II Item 1A");
        assertThatThrownBy(() -> new FilingQuestion("q", "f", FilingQuestion.parseItems("Item 7; MD&A"), List.of("p")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilingQuestion("q", "f", FilingQuestion.parseItems("Item 7;"), List.of("p")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilingQuestion("q", "f", List.of("Item 7", "Item 7"), List.of("p")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FilingQuestion("q", "f", List.of("Item 7", "Item 8"), List.of("p")).itemColumn())
                .isEqualTo("Item 7; Item 8");
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
        var q = new FilingQuestion("How many people does Tesla employ?", "tsla-10-k-2025-01-30.html", List.of("Item 1"),
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

    @Test
    void aPassageInAnyOfTheLabelledItemsAnswers() {
        var q = new FilingQuestion("How much stock did Apple buy back during fiscal 2024?", "aapl-10-k-2024-11-01.html",
                List.of("Item 7", "Item 8"), List.of("the Company repurchased $95.0 billion of its common stock"));
        String elsewhere = "The Company's share repurchase programs do not obligate the Company";
        assertThat(q.answeredBy(hit("/x/aapl-10-k-2024-11-01.html", elsewhere,
                "Part II > Item 8. Financial Statements and Supplementary Data > Share Repurchase Program"))).isTrue();
        assertThat(q.answeredBy(hit("/x/aapl-10-k-2024-11-01.html", elsewhere,
                "Part II > Item 7. Management’s Discussion and Analysis > Liquidity and Capital Resources"))).isTrue();
        assertThat(q.answeredBy(hit("/x/aapl-10-k-2024-11-01.html", elsewhere,
                "Part II > Item 5. Market for Registrant’s Common Equity > Purchases of Equity Securities"))).isFalse();
    }

    private static ExtractedDocument doc(String text, SectionSpan... sections) {
        return new ExtractedDocument(text, "title", "text/html", List.of(), Optional.empty(), List.of(sections));
    }

    private static SearchHit hit(String source, String text, String section) {
        return new SearchHit(1.0, 50, "id", "title", source, DocumentType.DOCUMENT, List.of(), null, text, 0, 0, 0,
                text.length(), section);
    }
}
