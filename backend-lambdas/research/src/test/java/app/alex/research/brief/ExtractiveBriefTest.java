package app.alex.research.brief;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentType;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.Citation;
import app.alex.core.testing.TestKnowledgeBases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveBriefTest {

    private static void add(KnowledgeBase kb, String title, String text) {
        kb.ingest(TextIngestRequest.of(text, title, title.toLowerCase().replace(' ', '-') + ".txt"));
    }

    @Test
    void aBriefIsLabelledQuotesSeveralDocumentsAndEveryQuoteIsInTheKnowledgeBase() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        add(kb, "NVIDIA 10-Q", "NVIDIA data center revenue was 30.8 billion dollars in the quarter, up 112 percent. "
                + "Data center now makes up most of NVIDIA revenue.");
        add(kb, "NVIDIA call notes", "Management expects NVIDIA data center demand to exceed supply into next year. "
                + "Blackwell GPUs ship in volume in the fourth quarter.");
        add(kb, "Chip risks", "Export controls on NVIDIA data center GPUs to China are a risk to revenue growth. "
                + "Competition from custom accelerators is rising.");
        add(kb, "Copper", "Copper prices fell as construction slowed in China during the summer months.");

        var brief = new ExtractiveBrief(kb).write("NVIDIA data center revenue", s -> { });

        String md = brief.report().markdown();
        assertThat(md).startsWith("# Extractive brief: NVIDIA data center revenue")
                .contains("> **Extractive brief.** No language model is configured")
                .contains("## Summary").contains("## Key points").contains("## Sources");
        assertThat(brief.report().citations()).extracting(Citation::title)
                .contains("NVIDIA 10-Q", "Chip risks").doesNotContain("Copper");
        for (Citation c : brief.report().citations()) {
            String stored = String.join(" ", kb.chunks(c.documentId()).stream().map(ch -> ch.text()).toList())
                    .replaceAll("\\s+", " ");
            assertThat(stored).contains(c.quote().replace("...", ""));
        }
        assertThat(md.lines().filter(l -> l.startsWith("- **")).toList()).allMatch(l -> l.matches(".*\\[\\d+]$"));
    }

    @Test
    void aPassageIngestedTwiceUnderTwoNamesIsQuotedOnce() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        String filing = "NVIDIA data center revenue was 30.8 billion dollars in the quarter, up 112 percent.";
        add(kb, "NVIDIA 10-Q", filing);
        add(kb, "NVIDIA 10-Q downloaded again", filing);
        add(kb, "Chip risks", "Export controls on NVIDIA data center GPUs to China are a risk to revenue growth.");

        var brief = new ExtractiveBrief(kb).write("NVIDIA data center revenue", s -> { });

        assertThat(brief.report().citations()).extracting(Citation::quote).doesNotHaveDuplicates();
        assertThat(brief.report().citations()).extracting(Citation::title)
                .containsOnlyOnce("Chip risks")
                .filteredOn(title -> title.startsWith("NVIDIA 10-Q")).hasSize(1);
    }

    /** GPL-1, GPL-2 and LGPL-2.1 share whole clauses word for word, or nearly ("...transferring a copy[, and ...]"). */
    @Test
    void aSentenceTheLicenceVersionsRepeatIsSaidOnceAcrossTheKeyPoints() {
        var licences = java.nio.file.Path.of("/usr/share/common-licenses");
        var files = java.util.List.of(licences.resolve("GPL-1"), licences.resolve("GPL-2"), licences.resolve("LGPL-2.1"));
        org.junit.jupiter.api.Assumptions.assumeTrue(files.stream().allMatch(java.nio.file.Files::isRegularFile),
                "needs Debian's /usr/share/common-licenses (package base-files) as the real-text corpus");
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        kb.files().ingestPaths(files, app.alex.core.ingest.IngestOptions.DEFAULTS, app.alex.core.ingest.IngestListener.NONE);

        var brief = new ExtractiveBrief(kb).write("fee for the physical act of transferring a copy", s -> { });

        var points = brief.report().markdown().lines().filter(l -> l.startsWith("- **"))
                .map(l -> ExtractiveBrief.terms(l.replaceAll("^- \\*\\*[^*]+:\\*\\* ", "").replaceAll(" \\[\\d+]$", "")))
                .toList();
        assertThat(points).hasSizeGreaterThan(2);
        for (int i = 0; i < points.size(); i++) {
            for (int j = 0; j < i; j++) {
                assertThat(ExtractiveBrief.repeats(points.get(j), points.get(i))).as("key points " + j + " and " + i).isFalse();
            }
        }
        String keyPoints = brief.report().markdown().split("## Key points")[1].split("## What this brief is not")[0];
        assertThat(keyPoints).containsOnlyOnce("physical act of transferring a copy");
    }

    @Test
    void earlierResearchIsNotQuoted() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        add(kb, "NVIDIA 10-Q", "NVIDIA data center revenue was 30.8 billion dollars in the quarter.");
        kb.ingest(new TextIngestRequest("research-old", "NVIDIA data center revenue brief quoting itself.", "Old brief",
                null, DocumentType.RESEARCH, null, null, "text/markdown", null));

        var brief = new ExtractiveBrief(kb).write("NVIDIA data center revenue", s -> { });

        assertThat(brief.report().citations()).extracting(Citation::documentId).doesNotContain("research-old");
    }

    @Test
    void aBriefOfOnePassageSaysSoInTheSingular() {
        KnowledgeBase kb = TestKnowledgeBases.inMemory();
        add(kb, "NVIDIA 10-Q", "NVIDIA data center revenue was 30.8 billion dollars in the quarter.");
        var steps = new java.util.ArrayList<String>();

        var brief = new ExtractiveBrief(kb).write("NVIDIA data center revenue", step -> steps.add(step.message()));

        assertThat(brief.report().markdown()).contains("It quotes 1 passage from 1 document and adds no judgement")
                .doesNotContain("1 passages").doesNotContain("1 documents");
        assertThat(steps).contains("Reading 1 relevant passage", "Quoting 1 passage");
    }

    @Test
    void anEmptyKnowledgeBaseGetsAnHonestAnswerNotAnInventedOne() {
        var brief = new ExtractiveBrief(TestKnowledgeBases.inMemory()).write("Lithium supply", s -> { });

        assertThat(brief.report().citations()).isEmpty();
        assertThat(brief.report().markdown()).contains("The knowledge base has nothing on \"Lithium supply\" yet");
    }
}
