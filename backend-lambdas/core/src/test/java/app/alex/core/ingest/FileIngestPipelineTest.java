package app.alex.core.ingest;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument.PageSpan;
import app.alex.core.extract.FileExtractor;
import app.alex.core.extract.SamplePdfs;
import app.alex.core.index.DocumentQuery;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The one file pipeline: what it hands its sink, and the odd files of a real disk. */
class FileIngestPipelineTest {
    @TempDir
    Path dir;

    private InMemoryVectorIndex index;
    private IngestService ingest;

    @BeforeEach
    void setUp() {
        index = new InMemoryVectorIndex();
        ingest = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(40), 40, 8),
                new HashingEmbedder(), index, Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aPdfBecomesOneRequestWithItsPageSpansIdFromThePathAndTitleFromTheFile() throws IOException {
        Path pdf = SamplePdfs.write(dir.resolve("q3.pdf"), List.of("First page about revenue.",
                "Second page about margins.", "Third page about guidance."), "Q3 report", null);
        var requests = new ArrayList<TextIngestRequest>();
        var pipeline = new FileIngestPipeline(new FileExtractor(), (request, listener) -> {
            requests.add(request);
            return new IngestResult(request.source(), IngestStatus.CREATED, request.id(), request.title(), 1, null, null);
        });

        IngestResult result = pipeline.ingestFile(pdf, IngestOptions.DEFAULTS, IngestListener.NONE);

        assertThat(result.status()).isEqualTo(IngestStatus.CREATED);
        TextIngestRequest request = requests.getFirst();
        assertThat(request.id()).isEqualTo(DocumentIds.fromSource(pdf.toString()));
        assertThat(request.title()).isEqualTo("Q3 report");
        assertThat(request.mediaType()).isEqualTo("application/pdf");
        assertThat(request.pages()).extracting(PageSpan::number).containsExactly(1, 2, 3);
        assertThat(request.text().substring(request.pages().get(1).start(), request.pages().get(1).end()))
                .isEqualTo("Second page about margins.");
    }

    @Test
    void pageSpansSentWithTextGivePassagesTheirPageNumbers() {
        String page1 = "Revenue grew on data-center demand. ".repeat(12).strip();
        String page2 = "Margins narrowed on pricing pressure. ".repeat(12).strip();
        String text = page1 + "\n\n" + page2;
        var request = new TextIngestRequest(null, text, "Paged", "/filings/paged.pdf", null, null, null,
                "application/pdf", null, List.of(new PageSpan(1, 0, page1.length()),
                new PageSpan(2, page1.length() + 2, text.length())));

        IngestResult result = ingest.ingestText(request);

        var chunks = index.chunks(result.documentId());
        assertThat(chunks).extracting(c -> c.page()).contains(1, 2).doesNotContain(0);
        assertThat(chunks).allSatisfy(c -> assertThat(c.page()).isEqualTo(c.startOffset() < page1.length() ? 1 : 2));
    }

    @Test
    void pageSpansOutsideTheTextOrOutOfOrderAreRefusedAsABadRequest() {
        var outside = new TextIngestRequest(null, "Short text.", null, null, null, null, null, null, null,
                List.of(new PageSpan(1, 0, 500)));
        var backwards = new TextIngestRequest(null, "Short text, two pages.", null, null, null, null, null, null, null,
                List.of(new PageSpan(2, 0, 5), new PageSpan(1, 5, 10)));

        assertThatThrownBy(() -> ingest.ingestText(outside)).isInstanceOfSatisfying(AlexException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> ingest.ingestText(backwards)).isInstanceOfSatisfying(AlexException.class,
                e -> assertThat(e.getMessage()).contains("'pages'"));
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX}, disabledReason = "file names as raw bytes are a Unix matter; made with sh")
    void twoFileNamesThatDifferOnlyInUndecodableBytesAreTwoDocuments() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("names"));
        // \377 and \376 are no text in UTF-8 (nor ASCII): both names print the same replacement character.
        Process make = new ProcessBuilder("sh", "-c",
                "printf 'Alpha filing about copper.' > \"$(printf '\\377-name.txt')\" && "
                        + "printf 'Beta filing about nickel.' > \"$(printf '\\376-name.txt')\"")
                .directory(folder.toFile()).inheritIO().start();
        assertThat(make.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue()).isZero();

        BatchSummary summary = ingest.ingestPaths(List.of(folder), IngestOptions.DEFAULTS, IngestListener.NONE);

        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(2);
        assertThat(summary.count(IngestStatus.REPLACED)).isZero();
        var documents = index.list(DocumentQuery.firstPage(10)).documents();
        assertThat(documents).hasSize(2);
        assertThat(documents).extracting(d -> d.source()).doesNotHaveDuplicates()
                .allSatisfy(source -> assertThat(source).startsWith("file:///").endsWith("-name.txt"));
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "mkfifo is a Unix tool")
    void aNamedPipeIsRefusedAtOnceWithAReasonInsteadOfWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("feed.txt");
        Process make = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(make.waitFor(20, TimeUnit.SECONDS)).isTrue();

        // Today's code opened the pipe to sniff its format and waited for a writer that never came.
        BatchSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> ingest.ingestPaths(List.of(fifo), IngestOptions.DEFAULTS, IngestListener.NONE));

        assertThat(summary.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
            assertThat(failure.error()).contains("not a regular file").contains("/dev/stdin");
        });
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX}, disabledReason = "/dev/zero is a Linux device")
    void aDeviceThatNeverEndsIsRefusedWithoutReadingIt() {
        BatchSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> ingest.ingestPaths(List.of(Path.of("/dev/zero")), IngestOptions.DEFAULTS, IngestListener.NONE));

        assertThat(summary.failures()).singleElement().satisfies(failure ->
                assertThat(failure.error()).contains("not a regular file"));
    }
}
