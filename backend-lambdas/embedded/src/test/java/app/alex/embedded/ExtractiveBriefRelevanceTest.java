package app.alex.embedded;

import app.alex.core.document.DocumentType;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.Citation;
import app.alex.research.brief.ExtractiveBrief;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The no-model brief over a knowledge base that is mostly off-topic: the real licence texts of
 * the machine (Debian's /usr/share/common-licenses) beside a few finance notes, embedded with the
 * real MiniLM model. Licence boilerplate shares words with any question; it must never be quoted.
 */
class ExtractiveBriefRelevanceTest {
    private static final Path LICENCES = Path.of("/usr/share/common-licenses");

    @TempDir
    static Path dir;
    private static EmbeddedBackend backend;

    @BeforeAll
    static void ingestLicencesAndNotes() throws IOException {
        assumeTrue(Files.isDirectory(LICENCES), "needs the Debian licence texts in " + LICENCES);
        backend = EmbeddedBackend.open(dir.resolve("kb"));
        var kb = backend.knowledgeBase();
        try (Stream<Path> files = Files.list(LICENCES)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                kb.ingest(TextIngestRequest.of(Files.readString(file, StandardCharsets.UTF_8),
                        file.getFileName().toString(), file.toString()));
            }
        }
        note("NVIDIA quarter", "NVIDIA reported data center revenue of 30.8 billion dollars for the quarter, up 112 percent "
                + "from a year ago, as cloud providers bought Hopper GPUs for AI training.");
        note("NVIDIA supply", "Management said demand for NVIDIA Blackwell GPUs will exceed supply for several quarters; "
                + "TSMC advanced packaging capacity is the bottleneck.");
        note("Copper outlook", "Copper prices fell 4 percent in the quarter as Chinese construction activity slowed.");
        note("Bank margins", "Regional banks saw net interest margins compress as deposit costs rose faster than loan yields.");
        // An earlier brief on the same topic: a brief never quotes research unless asked to.
        kb.ingest(new TextIngestRequest("research-nvidia-old", "# NVIDIA brief\n\nNVIDIA data center revenue grew strongly "
                + "in the quarter on GPU demand.", "NVIDIA brief", null, DocumentType.RESEARCH, null, null,
                "text/markdown", null));
    }

    private static void note(String title, String text) {
        backend.knowledgeBase().ingest(new TextIngestRequest(null, text, title, "notes/" + title + ".md",
                DocumentType.NOTE, null, null, "text/markdown", null));
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static List<String> citedSources(ExtractiveBrief.Brief brief) {
        return brief.report().citations().stream().map(Citation::source).toList();
    }

    @Test
    void aBriefOnNvidiaCitesTheNvidiaNotesAndNoLicenceText() {
        var brief = new ExtractiveBrief(backend.knowledgeBase()).write("NVIDIA", s -> { });

        assertThat(citedSources(brief)).isNotEmpty().noneMatch(s -> s != null && s.startsWith(LICENCES.toString()));
        assertThat(brief.report().citations()).extracting(Citation::title)
                .contains("NVIDIA quarter", "NVIDIA supply").doesNotContain("NVIDIA brief", "Copper outlook");
        assertThat(brief.report().markdown()).contains("2 relevant passages found");
    }

    @Test
    void aBriefOnATopicTheKnowledgeBaseDoesNotCoverSaysSoAndCitesNothing() {
        var brief = new ExtractiveBrief(backend.knowledgeBase()).write("lithium mining royalties in Chile", s -> { });

        assertThat(citedSources(brief)).noneMatch(s -> s != null && s.startsWith(LICENCES.toString()));
        assertThat(brief.report().citations()).isEmpty();
        assertThat(brief.report().markdown()).contains("No relevant passages found");
    }

    @Test
    void aBriefOnLicensingStillCitesTheLicences() {
        var brief = new ExtractiveBrief(backend.knowledgeBase())
                .write("may I distribute modified copies of the software", s -> { });

        assertThat(citedSources(brief)).isNotEmpty().allMatch(s -> s != null && s.startsWith(LICENCES.toString()));
    }
}
