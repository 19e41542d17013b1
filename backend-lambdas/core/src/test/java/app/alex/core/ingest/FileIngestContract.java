package app.alex.core.ingest;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.FileExtractor;
import app.alex.core.extract.SamplePdfs;
import app.alex.core.index.DocumentQuery;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files ingested on every path give the same knowledge base: the same documents, passage texts,
 * titles, tags, page numbers and section paths as the core's file pipeline gives in-process. Each path extends
 * this class: the embedded backend, {@code alex serve} over HTTP, and the Lambda handlers over the
 * S3 Vectors and SageMaker fakes. The files are a three-page PDF, HTML, DOCX and Markdown.
 */
public abstract class FileIngestContract {
    protected static final IngestOptions OPTIONS = new IngestOptions(DocumentType.DOCUMENT, List.of("nvda", " Copper "),
            IngestOptions.DEFAULT_MAX_FILE_BYTES, false);

    @TempDir
    protected Path scratch;
    protected KnowledgeBase kb;
    private Path files;

    /** A fresh, empty knowledge base on the path under test, its data under {@code scratch}. */
    protected abstract KnowledgeBase openKnowledgeBase(Path scratch) throws Exception;

    protected abstract void closeKnowledgeBase() throws Exception;

    /** The tokenizer the path chunks with; the in-process reference chunks with the same. */
    protected abstract Tokenizer tokenizer();

    @BeforeEach
    void openContractKnowledgeBase() throws Exception {
        files = writeSampleFiles(Files.createDirectories(scratch.resolve("files")));
        kb = openKnowledgeBase(scratch);
    }

    @AfterEach
    void closeContractKnowledgeBase() throws Exception {
        closeKnowledgeBase();
    }

    /** A three-page PDF, an HTML page with navigation, a DOCX memo and a Markdown note. */
    public static Path writeSampleFiles(Path folder) throws IOException {
        SamplePdfs.write(folder.resolve("report.pdf"), SamplePdfs.reportPages(3, 7), "Quarterly report 2025", null);
        Files.writeString(folder.resolve("update.html"), """
                <!doctype html><html><head><title>Market update</title></head><body>
                <nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
                <main><h1>Market update</h1>
                <p>Copper rallied as inventories on the exchange fell to a two-year low.</p>
                <p>Smelters in the region cut output after power prices rose, and buyers paid higher premiums.</p>
                </main><footer>Copyright the publisher</footer></body></html>""");
        try (var document = new XWPFDocument(); OutputStream out = Files.newOutputStream(folder.resolve("memo.docx"))) {
            document.getProperties().getCoreProperties().setTitle("Board memo");
            document.createParagraph().createRun().setText("The board approved the capital plan for next year.");
            document.createParagraph().createRun().setText("Capital expenditure rises on the new fabrication line.");
            document.write(out);
        }
        Files.writeString(folder.resolve("notes.md"), """
                # Copper outlook

                Demand from grid investment keeps the market tight. Utilities are replacing old lines and
                adding capacity for data centres, and each new line needs copper for years to come. Mine supply
                grows slowly: new projects take a decade from discovery to first output.

                ## Risks

                A slowdown in construction would weigh on prices. Chinese property starts have fallen for
                three years, and a further fall would cut demand for wire, pipes and fittings at once. A strong
                dollar would make the metal dearer for most buyers as well.
                """);
        return folder;
    }

    /** What the core's pipeline stores in-process for the same files: the reference every path must equal. */
    private Map<String, Stored> reference() {
        var index = new InMemoryVectorIndex();
        var service = new IngestService(new FileExtractor(), new SentenceChunker(tokenizer()), new HashingEmbedder(),
                index, Clock.systemUTC());
        BatchSummary summary = service.ingestPaths(List.of(files), OPTIONS, IngestListener.NONE);
        assertThat(summary.failures()).isEmpty();
        return index.list(DocumentQuery.firstPage(100)).documents().stream()
                .collect(Collectors.toMap(DocumentRecord::source, d -> new Stored(d, index.chunks(d.id())),
                        (a, b) -> a, TreeMap::new));
    }

    /** What the path under test holds, by source. */
    private Map<String, Stored> stored() {
        return kb.documents(DocumentQuery.firstPage(100)).documents().stream()
                .collect(Collectors.toMap(DocumentRecord::source, d -> new Stored(d, kb.chunks(d.id())),
                        (a, b) -> a, TreeMap::new));
    }

    /** A document and its passages, with only what must be the same on every path. */
    record Stored(String id, String title, String source, DocumentType type, List<String> tags, String mediaType,
                  long charCount, String contentHash, int chunkCount, List<Passage> passages) {
        Stored(DocumentRecord d, List<ChunkRecord> chunks) {
            this(d.id(), d.title(), d.source(), d.type(), d.tags(), d.mediaType(), d.charCount(), d.contentHash(),
                    d.chunkCount(), chunks.stream().map(Passage::new).toList());
        }
    }

    record Passage(int index, String text, int page, int startOffset, int endOffset, int tokenCount, String section) {
        Passage(ChunkRecord c) {
            this(c.index(), c.text(), c.page(), c.startOffset(), c.endOffset(), c.tokenCount(), c.section());
        }
    }

    private BatchSummary ingestSampleFiles() {
        return kb.files().ingestPaths(List.of(files), OPTIONS, IngestListener.NONE);
    }

    @Test
    void theSameFilesGiveTheSameDocumentsPassagesTitlesTagsAndPagesAsThePipelineInProcess() {
        BatchSummary summary = ingestSampleFiles();

        assertThat(summary.failures()).isEmpty();
        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(4);
        assertThat(stored()).isEqualTo(reference());
    }

    @Test
    void everyFileKeepsItsOwnTitleTagsAndFormat() {
        ingestSampleFiles();

        Map<String, Stored> stored = stored();
        assertThat(stored.values()).extracting(Stored::title)
                .containsExactlyInAnyOrder("Quarterly report 2025", "Market update", "Board memo", "Copper outlook");
        assertThat(stored.values()).extracting(Stored::mediaType).containsExactlyInAnyOrder("application/pdf",
                "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/markdown");
        assertThat(stored.values()).allSatisfy(d -> {
            assertThat(d.tags()).containsExactlyInAnyOrder("nvda", "Copper"); // as typed, trimmed
            assertThat(d.id()).isEqualTo(DocumentIds.fromSource(d.source()));
        });
        assertThat(stored.get(files.resolve("update.html").toString()).passages()).extracting(Passage::text)
                .noneMatch(text -> text.contains("Markets") || text.contains("Copyright"));
    }

    @Test
    void everyPassageOfTheMultiPagePdfHasThePageItStartsOn() throws Exception {
        ingestSampleFiles();
        Path pdf = files.resolve("report.pdf");
        ExtractedDocument extracted = new FileExtractor().extract(pdf);

        List<Passage> passages = stored().get(pdf.toString()).passages();

        assertThat(passages).extracting(Passage::page).containsOnly(1, 2, 3).contains(1, 2, 3).isSorted();
        assertThat(passages).allSatisfy(p -> assertThat(p.page()).isEqualTo(extracted.pageAt(p.startOffset())));
        assertThat(stored().values()).filteredOn(d -> !d.mediaType().equals("application/pdf"))
                .flatExtracting(Stored::passages).extracting(Passage::page).containsOnly(0);
    }

    @Test
    void everyPassageKeepsItsSectionPathAndSearchHitsCarryIt() {
        ingestSampleFiles();
        Path notes = files.resolve("notes.md");

        List<Passage> passages = stored().get(notes.toString()).passages();
        List<SearchHit> hits = kb.search(new SearchRequest("construction slowdown and property starts", 5,
                new SearchFilter(null, null, notes.toString(), null, null), SearchMode.SEMANTIC)).results();

        assertThat(passages).extracting(Passage::section).containsExactly("Copper outlook", "Copper outlook > Risks");
        assertThat(hits).isNotEmpty().allSatisfy(hit -> assertThat(hit.section())
                .isEqualTo(kb.chunks(hit.documentId()).get(hit.chunkIndex()).section()));
        assertThat(hits).extracting(SearchHit::section).contains("Copper outlook > Risks");
    }

    @Test
    void searchHitsCarryThePageOfTheirPassage() {
        ingestSampleFiles();

        List<SearchHit> hits = kb.search(new SearchRequest("net interest income and the loan book", 20,
                new SearchFilter(null, null, files.resolve("report.pdf").toString(), null, null), SearchMode.SEMANTIC))
                .results();

        assertThat(hits).isNotEmpty();
        assertThat(hits).allSatisfy(hit -> assertThat(hit.page())
                .isEqualTo(kb.chunks(hit.documentId()).get(hit.chunkIndex()).page()).isBetween(1, 3));
    }

    @Test
    void ingestingTheSameFilesAgainChangesNothing() {
        ingestSampleFiles();
        Map<String, Stored> before = stored();

        BatchSummary again = ingestSampleFiles();

        assertThat(again.count(IngestStatus.UNCHANGED)).isEqualTo(4);
        assertThat(stored()).isEqualTo(before);
    }
}
