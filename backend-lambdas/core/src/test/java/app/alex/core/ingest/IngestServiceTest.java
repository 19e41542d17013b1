package app.alex.core.ingest;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.FileExtractor;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexQuery;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestServiceTest {
    @TempDir
    Path dir;

    private HashingEmbedder embedder;
    private InMemoryVectorIndex index;
    private IngestService ingest;

    @BeforeEach
    void setUp() {
        embedder = new HashingEmbedder();
        index = new InMemoryVectorIndex();
        ingest = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(40), 40, 8), embedder,
                index, Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aNewFileIsCreatedWithItsChunksAndMetadata() throws IOException {
        Path file = write("dividends.md", "# Dividend policy\n\nReinvested dividends are recorded as new share lots. "
                .repeat(10));

        IngestResult result = ingest.ingestFile(file, new IngestOptions(DocumentType.NOTE, List.of("aapl", " msft "),
                0, false), IngestListener.NONE);

        assertThat(result.status()).isEqualTo(IngestStatus.CREATED);
        assertThat(result.chunkCount()).isGreaterThan(1);
        var stored = index.document(result.documentId()).orElseThrow();
        assertThat(stored.title()).isEqualTo("Dividend policy");
        assertThat(stored.source()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(stored.type()).isEqualTo(DocumentType.NOTE);
        assertThat(stored.tags()).containsExactly("aapl", "msft");
        assertThat(stored.chunkCount()).isEqualTo(result.chunkCount());
        assertThat(index.chunks(result.documentId())).allSatisfy(c -> assertThat(c.endOffset()).isGreaterThan(c.startOffset()));
    }

    @Test
    void reingestingTheSameFileIsUnchangedAndEmbedsNothing() throws IOException {
        Path file = write("a.txt", "Revenue grew in the data-center segment. Margins expanded. ".repeat(20));
        ingest.ingestFile(file, IngestOptions.DEFAULTS, IngestListener.NONE);
        long embeddedBefore = embedder.embeddedCount();
        int upsertsBefore = index.upsertCount();

        IngestResult again = ingest.ingestFile(file, IngestOptions.DEFAULTS, IngestListener.NONE);

        assertThat(again.status()).isEqualTo(IngestStatus.UNCHANGED);
        assertThat(embedder.embeddedCount()).isEqualTo(embeddedBefore);
        assertThat(index.upsertCount()).isEqualTo(upsertsBefore);
    }

    @Test
    void aChangedFileReplacesItsOldVersionUnderTheSameId() throws IOException {
        Path file = write("a.txt", "The old guidance was conservative. ".repeat(30));
        IngestResult first = ingest.ingestFile(file, IngestOptions.DEFAULTS, IngestListener.NONE);
        Files.writeString(file, "The new guidance raises the outlook for gross margin. ".repeat(30));

        IngestResult second = ingest.ingestFile(file, IngestOptions.DEFAULTS, IngestListener.NONE);

        assertThat(second.status()).isEqualTo(IngestStatus.REPLACED);
        assertThat(second.documentId()).isEqualTo(first.documentId());
        assertThat(index.stats().documents()).isEqualTo(1);
        assertThat(index.chunks(first.documentId())).allSatisfy(c -> assertThat(c.text()).doesNotContain("old guidance"));
    }

    @Test
    void aFolderIsWalkedRecursivelySkippingHiddenAndUnsupportedFiles() throws IOException {
        write("top.txt", "Top level note about inventory turnover.");
        write("sub/deeper/filing.md", "# Filing\n\nSegment results by quarter.");
        write(".hidden/secret.txt", "Should not be read.");
        write("sub/.dotfile.txt", "Should not be read either.");
        Files.write(dir.resolve("sub/picture.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D});

        BatchSummary summary = ingest.ingestPaths(List.of(dir), IngestOptions.DEFAULTS, IngestListener.NONE);

        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(2);
        assertThat(summary.count(IngestStatus.SKIPPED)).isEqualTo(1);
        assertThat(summary.failures()).isEmpty();
        assertThat(index.list(DocumentQuery.firstPage(10)).documents()).extracting(d -> d.title())
                .containsExactlyInAnyOrder("top.txt", "Filing");
    }

    @Test
    void aBadFileFailsWithAReasonWhileTheRestOfTheBatchGoesOnAndStoredDocumentsStay() throws IOException {
        Path good = write("good.txt", "Cash flow from operations improved.");
        ingest.ingestFile(good, IngestOptions.DEFAULTS, IngestListener.NONE);
        Path empty = write("empty.txt", "");
        Path missing = dir.resolve("missing.txt");
        Path other = write("other.txt", "Capital expenditure guidance for next year.");

        BatchSummary summary = ingest.ingestPaths(List.of(empty, missing, other, good), IngestOptions.DEFAULTS,
                IngestListener.NONE);

        assertThat(summary.failures()).hasSize(2);
        assertThat(summary.failures()).allSatisfy(f -> assertThat(f.error()).isNotBlank());
        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(1);
        assertThat(summary.count(IngestStatus.UNCHANGED)).isEqualTo(1);
        assertThat(index.stats().documents()).isEqualTo(2);
    }

    @Test
    void aTextFileWithoutExtensionIsReadButABinaryOneIsSkipped() throws IOException {
        write("folder/README", "Notes about the coverage universe and the screening rules.");
        Files.write(dir.resolve("folder/program"), new byte[]{0x7f, 'E', 'L', 'F', 0, 0, 1, 2});

        BatchSummary summary = ingest.ingestPaths(List.of(dir.resolve("folder")), IngestOptions.DEFAULTS,
                IngestListener.NONE);

        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(1);
        assertThat(summary.count(IngestStatus.SKIPPED)).isEqualTo(1);
    }

    @Test
    void aDotInAFileNameIsNotTakenForAnExtensionSoLicenceTextsAndReadmeDebianAreStored() throws IOException {
        for (String name : List.of("Apache-2.0", "CC0-1.0", "GFDL-1.3", "LGPL-2.1", "MPL-2.0", "README.Debian")) {
            write("licenses/" + name, name + " licence text: permission is granted to copy and distribute. ".repeat(5));
        }
        Files.write(dir.resolve("licenses/archive.gz"), new byte[]{0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 'x'});

        BatchSummary summary = ingest.ingestPaths(List.of(dir.resolve("licenses")), IngestOptions.DEFAULTS,
                IngestListener.NONE);

        assertThat(summary.failures()).isEmpty();
        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(6);
        assertThat(summary.count(IngestStatus.SKIPPED)).isEqualTo(1);
        assertThat(index.list(DocumentQuery.firstPage(10)).documents()).extracting(d -> d.title())
                .contains("Apache-2.0", "README.Debian");
    }

    @Test
    void aSymbolicLinkLoopIsSkippedWithItsReasonAndIsNoFailureWhenEveryRealFileIsStored() throws IOException {
        write("loop/note.txt", "A note inside a folder with a link loop.");
        Files.createSymbolicLink(dir.resolve("loop/back"), dir.resolve("loop"));

        BatchSummary summary = ingest.ingestPaths(List.of(dir.resolve("loop")), IngestOptions.DEFAULTS,
                IngestListener.NONE);

        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(1);
        assertThat(summary.failures()).as("the loop's target is already walked: nothing was lost").isEmpty();
        assertThat(summary.results()).filteredOn(r -> r.status() == IngestStatus.SKIPPED)
                .extracting(IngestResult::error).singleElement().asString().contains("link loop");
    }

    @Test
    void aFileOverTheSizeLimitFailsBeforeItIsRead() throws IOException {
        Path big = write("big.txt", "x".repeat(2048));

        IngestResult result = ingest.ingestFile(big, new IngestOptions(null, null, 1024, false), IngestListener.NONE);

        assertThat(result.status()).isEqualTo(IngestStatus.FAILED);
        assertThat(result.error()).contains("too large");
    }

    @Test
    void textWithoutASourceIsIdentifiedByItsContent() {
        var request = new TextIngestRequest(null, "Analyst note: watch the inventory build.", null, null, null,
                List.of("nvda"), null, null, Map.of("desk", "semis"));

        IngestResult first = ingest.ingestText(request);
        IngestResult second = ingest.ingestText(request);

        assertThat(first.status()).isEqualTo(IngestStatus.CREATED);
        assertThat(second.status()).isEqualTo(IngestStatus.UNCHANGED);
        assertThat(second.documentId()).isEqualTo(first.documentId());
        var stored = index.document(first.documentId()).orElseThrow();
        assertThat(stored.title()).isEqualTo("Analyst note: watch the inventory build.");
        assertThat(stored.attributes()).containsEntry("desk", "semis");
    }

    @Test
    void tenConcurrentIngestsOfOneSourceCreateItOnceAndTheOthersSeeItUnchanged() throws Exception {
        int callers = 10;
        var workers = new ArrayList<Thread>();
        var arrived = new java.util.concurrent.atomic.AtomicInteger();
        // The first caller to embed waits until every other caller has either reached embedding too
        // (no per-document lock: all ten then store, each having seen nothing stored) or is parked
        // on a lock: the race is forced, not left to timing.
        var rendezvous = new app.alex.core.embed.Embedder() {
            @Override
            public String modelId() {
                return embedder.modelId();
            }

            @Override
            public int dimension() {
                return embedder.dimension();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                arrived.incrementAndGet();
                while (workers.stream().filter(t -> t != Thread.currentThread()).anyMatch(t -> !parkedOnALock(t))
                        && arrived.get() < callers) {
                    Thread.yield();
                }
                return embedder.embed(texts);
            }
        };
        var concurrent = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(40), 40, 8),
                rendezvous, index, Clock.systemUTC());
        var request = TextIngestRequest.of("Ten callers post the same quarterly note at once. ".repeat(5), "Q3 note",
                "https://example.com/q3-note");
        var results = java.util.Collections.synchronizedList(new ArrayList<IngestResult>());
        for (int i = 0; i < callers; i++) {
            workers.add(new Thread(() -> results.add(concurrent.ingestText(request))));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(results).extracting(IngestResult::status).containsOnly(IngestStatus.CREATED, IngestStatus.UNCHANGED);
        assertThat(results).filteredOn(r -> r.status() == IngestStatus.CREATED).hasSize(1);
        assertThat(index.upsertCount()).isEqualTo(1);
    }

    private static boolean parkedOnALock(Thread thread) {
        return thread.getState() == Thread.State.WAITING
                && java.util.concurrent.locks.LockSupport.getBlocker(thread) instanceof Object blocker
                && blocker.getClass().getEnclosingClass() == java.util.concurrent.locks.ReentrantLock.class;
    }

    @Test
    void aFullDiskStopsTheBatchWithDiskFullAndTheSummaryListsEveryFileNotStored() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("batch"));
        for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt")) {
            Files.writeString(folder.resolve(name), "Notes in " + name + " about inventory turns and margins. ".repeat(5));
        }
        var upserts = new java.util.concurrent.atomic.AtomicInteger();
        // The second write meets a full disk, as the Lucene index reports it.
        var fillingUp = (app.alex.core.index.VectorIndex) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{app.alex.core.index.VectorIndex.class}, (proxy, method, args) -> {
                    if (method.getName().equals("upsert") && upserts.incrementAndGet() > 1) {
                        throw new app.alex.core.index.StorageFullException("/kb",
                                new IOException("No space left on device"));
                    }
                    try {
                        return method.invoke(index, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var service = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(40), 40, 8), embedder,
                fillingUp, Clock.systemUTC());

        BatchSummary summary = service.ingestPaths(List.of(folder), IngestOptions.DEFAULTS, IngestListener.NONE);

        assertThat(summary.count(IngestStatus.CREATED)).isEqualTo(1);
        assertThat(summary.failures()).hasSize(3).allSatisfy(f -> assertThat(f.errorCode())
                .isEqualTo(app.alex.core.error.ErrorCode.INSUFFICIENT_STORAGE));
        assertThat(summary.failures().getFirst().error()).startsWith("disk full: no space left on the device holding /kb");
        assertThat(summary.failures().subList(1, 3)).extracting(IngestResult::error).containsOnly("not stored: the disk is full");
        assertThat(upserts).hasValue(2);
    }

    @Test
    void everyPassageBelongsToOneSectionAndCarriesItsPath() {
        String risks = "Suppliers in few countries make most components. ".repeat(12).strip();
        String properties = "The Company owns its headquarters. ".repeat(3).strip();
        String text = "Item 1A. Risk Factors\n\n" + risks + "\n\nItem 2. Properties\n\n" + properties;
        int second = text.indexOf("Item 2.");
        var request = new TextIngestRequest("f", text, "Filing", "/f.htm", null, null, null, "text/html", null,
                List.of(), List.of(new ExtractedDocument.SectionSpan("Item 1A. Risk Factors", 0, second),
                        new ExtractedDocument.SectionSpan("Item 2. Properties", second, text.length())));

        ingest.ingestText(request);

        var chunks = index.chunks("f");
        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).allSatisfy(c -> assertThat(c.section())
                .isEqualTo(c.startOffset() < second ? "Item 1A. Risk Factors" : "Item 2. Properties"));
        // No passage runs across the heading of the next section.
        assertThat(chunks).noneMatch(c -> c.startOffset() < second && c.endOffset() > second);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).isEqualTo(text.substring(c.startOffset(), c.endOffset())));
    }

    @Test
    void sectionsOutsideTheTextOrOutOfOrderAreRefused() {
        String text = "Some filing text.";
        var outside = new TextIngestRequest(null, text, null, "/x", null, null, null, null, null, List.of(),
                List.of(new ExtractedDocument.SectionSpan("Item 1", 0, 999)));
        var overlapping = new TextIngestRequest(null, text, null, "/y", null, null, null, null, null, List.of(),
                List.of(new ExtractedDocument.SectionSpan("Item 1", 0, 10), new ExtractedDocument.SectionSpan("Item 2", 5, 12)));
        var blank = new TextIngestRequest(null, text, null, "/z", null, null, null, null, null, List.of(),
                List.of(new ExtractedDocument.SectionSpan(" ", 0, 10)));

        assertThatThrownBy(() -> ingest.ingestText(outside)).isInstanceOf(AlexException.class).hasMessageContaining("'sections'");
        assertThatThrownBy(() -> ingest.ingestText(overlapping)).isInstanceOf(AlexException.class).hasMessageContaining("no overlap");
        assertThatThrownBy(() -> ingest.ingestText(blank)).isInstanceOf(AlexException.class).hasMessageContaining("'path'");
        assertThat(index.stats().documents()).isZero();
    }

    @Test
    void emptyTextIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> ingest.ingestText(TextIngestRequest.of("   ", null, null)))
                .isInstanceOf(AlexException.class).hasMessageContaining("empty");
    }

    @Test
    void progressEventsCountEveryEmbeddedChunkAndEveryFile() throws IOException {
        write("one.txt", "First document sentence. ".repeat(40));
        write("two.txt", "Second document sentence. ".repeat(40));
        var events = new ArrayList<String>();
        var chunks = new int[1];

        BatchSummary summary = ingest.ingestPaths(List.of(dir), IngestOptions.DEFAULTS, new IngestListener() {
            @Override
            public void planned(int files, long bytes) {
                events.add("planned " + files);
            }

            @Override
            public void chunksEmbedded(int count) {
                chunks[0] += count;
            }

            @Override
            public void fileFinished(Path file, long bytes, IngestResult result) {
                events.add("finished " + file.getFileName());
            }
        });

        assertThat(events.getFirst()).isEqualTo("planned 2");
        assertThat(events.subList(1, events.size())).containsExactlyInAnyOrder("finished one.txt", "finished two.txt");
        assertThat(chunks[0]).isEqualTo(summary.chunks());
    }

    @Test
    void cancellingStopsBetweenFilesAndKeepsWhatWasStored() throws IOException {
        write("a.txt", "Alpha.");
        write("b.txt", "Beta.");
        var finished = new int[1];

        BatchSummary summary = ingest.ingestPaths(List.of(dir), IngestOptions.DEFAULTS, new IngestListener() {
            @Override
            public void fileFinished(Path file, long bytes, IngestResult result) {
                finished[0]++;
            }

            @Override
            public boolean cancelled() {
                return finished[0] >= 1;
            }
        });

        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.results()).hasSize(1);
        assertThat(index.stats().documents()).isEqualTo(1);
    }

    @Test
    void tagsAreStoredAsTypedAndMatchedWhateverTheirCase() throws IOException {
        IngestResult result = ingest.ingestFile(write("brief.txt", "The court dismissed the claim on appeal."),
                new IngestOptions(DocumentType.NOTE, List.of(" legal ", "LEGAL", "Q3-Review"), 0, false),
                IngestListener.NONE);
        var search = new SearchService(embedder, index);

        var byUpperCase = search.search(new SearchRequest("court claim", 5,
                new SearchFilter(null, java.util.Set.of("LEGAL"), null, null, null), SearchMode.SEMANTIC)).results();
        var byOtherCase = search.search(new SearchRequest("court claim", 5,
                new SearchFilter(null, java.util.Set.of("q3-review"), null, null, null), SearchMode.SEMANTIC)).results();

        assertThat(index.document(result.documentId()).orElseThrow().tags()).containsExactly("legal", "Q3-Review");
        assertThat(byUpperCase).extracting(h -> h.title()).containsExactly("brief.txt");
        assertThat(byOtherCase).extracting(h -> h.title()).containsExactly("brief.txt");
        assertThat(byUpperCase.getFirst().tags()).containsExactly("legal", "Q3-Review");
    }

    @Test
    void searchFindsTheIngestedPassageAndHonoursFilters() throws IOException {
        ingest.ingestFile(write("div.txt", "Reinvested dividends are recorded as new tax lots at the reinvestment price."),
                new IngestOptions(DocumentType.DOCUMENT, List.of("VTI"), 0, false), IngestListener.NONE);
        ingest.ingestFile(write("chips.txt", "Data-center revenue tripled on accelerator demand."),
                new IngestOptions(DocumentType.NOTE, List.of("NVDA"), 0, false), IngestListener.NONE);
        var search = new SearchService(embedder, index);

        var hits = search.search(SearchRequest.of("how are reinvested dividends recorded", 5)).results();
        var filtered = search.search(new SearchRequest("how are reinvested dividends recorded", 5,
                new SearchFilter(java.util.Set.of(DocumentType.NOTE), null, null, null, null), SearchMode.SEMANTIC)).results();

        assertThat(hits.getFirst().title()).isEqualTo("div.txt");
        assertThat(filtered).extracting(h -> h.title()).containsOnly("chips.txt");
        assertThat(IndexQuery.MAX_TOP_K).isEqualTo(100);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void newTagsOnTheSameTextAreStoredButTheDocumentKeepsWhenItWasIngested() {
        var clock = new app.alex.core.testing.MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        var service = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(40), 40, 8), embedder,
                index, clock);
        var request = new TextIngestRequest(null, "Copper demand from grid investment rose.", "Copper", "note://copper",
                DocumentType.NOTE, List.of("copper"), null, null, Map.of());
        String id = service.ingestText(request).documentId();
        clock.advance(java.time.Duration.ofDays(3));

        IngestResult retagged = service.ingestText(new TextIngestRequest(null, request.text(), "Copper", "note://copper",
                DocumentType.NOTE, List.of("copper", "grid"), null, null, Map.of()));

        assertThat(retagged.status()).isEqualTo(IngestStatus.REPLACED);
        var stored = index.document(id).orElseThrow();
        assertThat(stored.tags()).containsExactly("copper", "grid");
        assertThat(stored.ingestedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void aChangeToMetadataAloneStoresTheDocumentAgainWithItsVectorsAndEmbedsNothing() {
        var request = new TextIngestRequest("research-7", "Copper demand from grid investment rose. ".repeat(30),
                "Copper outlook", "alex://research/research-7", DocumentType.RESEARCH, List.of("FCX"), null, null,
                Map.of("report", "unread"));
        String id = ingest.ingestText(request).documentId();
        var before = index.embeddedChunks(id).orElseThrow();
        long embeddedBefore = embedder.embeddedCount();

        IngestResult marked = ingest.ingestText(new TextIngestRequest("research-7", request.text(), "Copper outlook",
                request.source(), DocumentType.RESEARCH, List.of("FCX", "copper"), null, null, Map.of("report", "read")));

        assertThat(marked.status()).isEqualTo(IngestStatus.REPLACED);
        assertThat(embedder.embeddedCount()).as("passages embedded again").isEqualTo(embeddedBefore);
        assertThat(index.document(id).orElseThrow().attributes()).containsEntry("report", "read");
        assertThat(index.document(id).orElseThrow().tags()).containsExactly("FCX", "copper");
        var after = index.embeddedChunks(id).orElseThrow();
        assertThat(after.chunks()).isEqualTo(before.chunks());
        assertThat(after.vectors()).containsExactlyElementsOf(before.vectors());
    }

    @Test
    void aNewTitleOrNewTextIsEmbeddedAgainBecauseTheModelReadsTheTitleWithEveryPassage() {
        var request = new TextIngestRequest("n1", "Lithium prices fell as new supply arrived. ".repeat(20), "Lithium",
                "note://lithium", DocumentType.NOTE, List.of(), null, null, Map.of());
        ingest.ingestText(request);
        long afterFirst = embedder.embeddedCount();

        ingest.ingestText(new TextIngestRequest("n1", request.text(), "Lithium in Chile", request.source(),
                DocumentType.NOTE, List.of(), null, null, Map.of()));
        long afterRetitle = embedder.embeddedCount();
        ingest.ingestText(new TextIngestRequest("n1", request.text() + " Prices recovered in the spring.",
                "Lithium in Chile", request.source(), DocumentType.NOTE, List.of(), null, null, Map.of()));

        assertThat(afterRetitle).as("a new title").isGreaterThan(afterFirst);
        assertThat(embedder.embeddedCount()).as("new text").isGreaterThan(afterRetitle);
    }
}
