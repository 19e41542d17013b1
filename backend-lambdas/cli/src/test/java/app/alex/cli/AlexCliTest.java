package app.alex.cli;

import app.alex.embedded.EmbeddedBackend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end on the real embedded backend (MiniLM + Lucene) in a scratch folder. */
class AlexCliTest {
    @TempDir
    Path tmp;

    private Run alex(String... args) {
        return Run.of(args);
    }

    @Test
    void ingestingAFolderThenSearchingFindsTheRightDocumentFirst() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        String kb = tmp.resolve("kb").toString();

        Run ingest = alex("--data-dir", kb, "ingest", docs.toString());
        Run search = alex("search", "--data-dir", kb, "how are reinvested dividends recorded", "-k", "3");

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("4 new, 0 unchanged, 0 replaced, 0 failed");
        assertThat(search.exitCode()).as(search.err()).isZero();
        assertThat(search.out().lines().findFirst().orElseThrow()).contains("Dividend reinvestment");
        assertThat(search.out()).contains(docs.resolve("dividends.md").toString());
    }

    @Test
    void commandsReadTheEnvironmentTheyWereGivenForTheDataFolderThePrecisionAndTheModel() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        Path kb = tmp.resolve("from-env");
        var env = java.util.Map.of("ALEX_DATA_DIR", kb.toString());

        Run ingest = Run.withEnv(env, "ingest", docs.toString());
        Run list = Run.withEnv(env, "docs", "list");
        Run badPrecision = Run.withEnv(java.util.Map.of("ALEX_DATA_DIR", kb.toString(), "ALEX_EMBEDDING_PRECISION", "int4"),
                "search", "dividends");
        Run badModel = Run.withEnv(java.util.Map.of("ALEX_DATA_DIR", kb.toString(), "ALEX_LLM", "gpt-9"),
                "research", "--quiet", "dividends");

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(Files.isDirectory(kb)).as("ALEX_DATA_DIR from the given environment").isTrue();
        assertThat(list.out()).contains("dividends.md");
        assertThat(badPrecision.exitCode()).isNotZero();
        assertThat(badPrecision.err()).contains("Unknown embedding precision 'int4'");
        assertThat(badModel.exitCode()).isNotZero();
        assertThat(badModel.err()).contains("gpt-9");
    }

    @Test
    void searchJsonCarriesScoreTextIdTitleAndSourceForScripts() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        String kb = tmp.resolve("kb").toString();
        alex("--data-dir", kb, "ingest", docs.toString());

        Run run = alex("--data-dir", kb, "search", "GPU demand from cloud providers", "--json", "-k", "2",
                "--mode", "semantic");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("results")).hasSize(2);
        JsonNode first = json.get("results").get(0);
        assertThat(first.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("rank_score").asDouble()).isEqualTo(first.get("score").asDouble());
        assertThat(first.get("text").asText()).contains("data-center revenue");
        assertThat(first.get("document_id").asText()).isNotBlank();
        assertThat(first.get("title").asText()).isEqualTo("datacenter.txt");
        assertThat(first.get("source").asText()).endsWith("datacenter.txt");
        assertThat(json.get("mode").asText()).isEqualTo("semantic");
    }

    @Test
    void hybridSearchShowsARelevancePercentageAReaderCanJudgeAndKeepsTheRawRankScoreInJson() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        String kb = tmp.resolve("kb").toString();
        alex("--data-dir", kb, "ingest", docs.toString());

        Run text = alex("--data-dir", kb, "search", "how are reinvested dividends recorded", "-k", "3");
        Run json = alex("--data-dir", kb, "search", "how are reinvested dividends recorded", "-k", "3", "--json");
        Run keyword = alex("--data-dir", kb, "search", "dividends", "-k", "1", "--mode", "keyword");

        assertThat(text.out().lines().findFirst().orElseThrow()).matches(" 1\\. +\\d{1,3}%  Dividend reinvestment.*");
        JsonNode results = new ObjectMapper().readTree(json.out()).get("results");
        for (JsonNode hit : results) {
            assertThat(hit.get("relevance").isInt()).as("relevance is a whole percentage").isTrue();
            assertThat(hit.get("relevance").asInt()).isBetween(0, 100);
            // Reciprocal-rank sums: tiny, and only their order means anything.
            assertThat(hit.get("rank_score").asDouble()).isLessThan(0.04);
        }
        assertThat(results.get(0).get("relevance").asInt()).isGreaterThan(30);
        assertThat(keyword.out().lines().findFirst().orElseThrow()).matches(" 1\\. BM25 [0-9.]+  .*");
    }

    @Test
    void fileNamesWithNewlinesAndEscapeSequencesArePrintedEscapedSoNoLineCanBeForged() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("odd names"));
        String forged = "notes\ncreated   passwords.txt";
        String colour = "report\u001b[31mRED\u001b[0m\rmore.txt";
        Files.writeString(docs.resolve(forged), "Quarterly inventory turns improved as warehouses emptied.");
        Files.writeString(docs.resolve(colour), "Dividend payout ratios rose across the utilities sector.");
        String kb = tmp.resolve("kb").toString();

        Run ingest = alex("--data-dir", kb, "ingest", docs.toString());
        Run list = alex("--data-dir", kb, "docs", "list");
        Run search = alex("--data-dir", kb, "search", "inventory turns", "-k", "2");

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        for (Run run : List.of(ingest, list, search)) {
            assertThat(run.out()).doesNotContain("\u001b", "\r").doesNotContainPattern("(?m)^created   passwords.txt");
        }
        assertThat(ingest.out().lines().filter(l -> l.startsWith("created"))).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("notes\\ncreated   passwords.txt (1 chunk)"))
                .anySatisfy(l -> assertThat(l).contains("report\\x1b[31mRED\\x1b[0m\\rmore.txt"));
        assertThat(search.out()).contains("notes\\ncreated");
    }

    @Test
    void ingestingTheSameFolderAgainReportsEverythingUnchanged() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        String kb = tmp.resolve("kb").toString();
        alex("--data-dir", kb, "ingest", docs.toString());

        Run again = alex("--data-dir", kb, "ingest", docs.toString());

        assertThat(again.out()).contains("0 new, 4 unchanged, 0 replaced, 0 failed");
        assertThat(again.out()).contains("0 chunks embedded").doesNotContain("chunks/s");

        Run tagged = alex("--data-dir", kb, "ingest", "--tag", "review", docs.toString());

        assertThat(tagged.out()).as("a new tag stores each file again with the vectors it has")
                .contains("0 new, 0 unchanged, 4 replaced, 0 failed").contains("0 chunks embedded");
    }

    @Test
    void filtersNarrowTheSearchToMatchingDocuments() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        Path notes = tmp.resolve("notes");
        Files.createDirectories(notes);
        Files.writeString(notes.resolve("nvda-note.txt"), "My note: NVDA data-center growth depends on GPU supply.");
        String kb = tmp.resolve("kb").toString();
        alex("--data-dir", kb, "ingest", docs.toString());
        alex("--data-dir", kb, "ingest", notes.toString(), "--type", "note", "--tag", "nvda");

        Run byTag = alex("--data-dir", kb, "search", "data-center revenue", "--tag", "NVDA", "--json");
        Run bySource = alex("--data-dir", kb, "search", "data-center revenue", "--source", docs.toString(), "--json");

        assertThat(byTag.out()).contains("nvda-note.txt").doesNotContain("datacenter.txt");
        assertThat(bySource.out()).contains("datacenter.txt").doesNotContain("nvda-note.txt");
    }

    @Test
    void docsListShowAndRemoveManageTheLibrary() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        String kb = tmp.resolve("kb").toString();
        alex("--data-dir", kb, "ingest", docs.toString());

        JsonNode listed = new ObjectMapper().readTree(alex("--data-dir", kb, "docs", "list", "--json").out());
        String id = listed.get("documents").findValuesAsText("document_id").getFirst();
        Run show = alex("--data-dir", kb, "docs", "show", id);
        Run remove = alex("--data-dir", kb, "docs", "rm", id);
        Run removeAgain = alex("--data-dir", kb, "docs", "rm", id);
        JsonNode after = new ObjectMapper().readTree(alex("--data-dir", kb, "docs", "list", "--json").out());

        assertThat(listed.get("documents")).hasSize(4);
        assertThat(show.out()).contains("id:        " + id).containsPattern("\\d+ chunks?\\R");
        assertThat(remove.out()).contains("deleted " + id);
        assertThat(removeAgain.exitCode()).isEqualTo(CliErrors.NOT_FOUND);
        assertThat(removeAgain.err()).contains("No document with id");
        assertThat(after.get("documents")).hasSize(3);
    }

    @Test
    void aBadFileFailsWithItsReasonAndTheOthersAreStored() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        Files.write(docs.resolve("broken.pdf"), "%PDF-1.7 this is not really a pdf".getBytes());
        String kb = tmp.resolve("kb").toString();

        Run run = alex("--data-dir", kb, "ingest", docs.toString());

        assertThat(run.exitCode()).isEqualTo(CliErrors.FAILED);
        assertThat(run.out()).contains("4 new").contains("1 failed").contains("broken.pdf");
        assertThat(run.err()).contains("broken.pdf");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void aKnowledgeBaseOpenElsewhereGivesTheInUseErrorAndExitCode() throws IOException {
        Path kb = tmp.resolve("kb");
        try (var holder = EmbeddedBackend.open(kb)) {
            Run run = alex("--data-dir", kb.toString(), "docs", "list");

            assertThat(run.exitCode()).isEqualTo(CliErrors.IN_USE);
            assertThat(run.err()).contains("in use by another process");
            assertThat(holder.library().stats().documents()).isZero();
        }
    }

    @Test
    void aFolderThatIsNotAKnowledgeBaseIsRefusedAndLeftUntouched() throws IOException {
        Path someone = tmp.resolve("my-documents");
        Files.createDirectories(someone);
        Files.writeString(someone.resolve("thesis.txt"), "precious");

        Run run = alex("--data-dir", someone.toString(), "docs", "list");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("is not an Alex knowledge base");
        try (var files = Files.list(someone)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("thesis.txt");
        }
    }

    @Test
    void aBadDateIsAUsageErrorWithAnExample() {
        Run run = alex("--data-dir", tmp.resolve("kb").toString(), "search", "rates", "--since", "last tuesday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--since takes a date like 2024-01-31");
    }

    @Test
    void researchWithoutAModelPrintsACitedExtractiveBriefThatTheFeedThenLists() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        String kb = tmp.resolve("kb").toString();
        alex("--data-dir", kb, "ingest", docs.toString());

        Run research = alex("--data-dir", kb, "research", "GPU demand from cloud providers", "--json");
        Run feed = alex("--data-dir", kb, "feed", "--json");

        assertThat(research.exitCode()).as(research.err()).isZero();
        assertThat(research.err()).contains("searching: Searching the knowledge base");
        JsonNode report = new ObjectMapper().readTree(research.out());
        assertThat(report.get("extractive").asBoolean()).isTrue();
        assertThat(report.get("markdown").asText()).startsWith("# Extractive brief: GPU demand from cloud providers")
                .contains("## Sources");
        assertThat(report.get("citations").get(0).get("title").asText()).isEqualTo("datacenter.txt");
        JsonNode page = new ObjectMapper().readTree(feed.out());
        assertThat(page.get("reports").get(0).get("id").asText()).isEqualTo(report.get("id").asText());
        assertThat(page.get("unread").asLong()).isEqualTo(1);

        Run show = alex("--data-dir", kb, "feed", report.get("id").asText());
        assertThat(show.out()).contains("Extractive brief");
        assertThat(alex("--data-dir", kb, "feed", "--unread").out()).contains("0 unread.");
    }

    @Test
    void compactKeepsEveryDocumentAndSearchStillFindsTheRightOneFirst() throws IOException {
        Path docs = SampleDocuments.writeTo(tmp.resolve("docs"));
        String kb = tmp.resolve("kb").toString();
        alex("--data-dir", kb, "ingest", docs.toString());

        Run compact = alex("--data-dir", kb, "compact");
        Run search = alex("--data-dir", kb, "search", "how are reinvested dividends recorded", "-k", "1");

        assertThat(compact.exitCode()).as(compact.err()).isZero();
        assertThat(compact.out()).startsWith("Compacted 4 documents");
        assertThat(search.out().lines().findFirst().orElseThrow()).contains("Dividend reinvestment");
    }
}
