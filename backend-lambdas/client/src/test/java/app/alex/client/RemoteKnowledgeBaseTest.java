package app.alex.client;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument.PageSpan;
import app.alex.core.extract.FileExtractor;
import app.alex.core.index.DocumentQuery;
import app.alex.core.ingest.IngestService;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import app.alex.core.backend.ServiceKnowledgeBase;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote client against the real local server: the same results and the same errors as in-process. */
class RemoteKnowledgeBaseTest {
    private LocalApiServer server;
    private RemoteKnowledgeBase remote;

    @BeforeEach
    void start() throws Exception {
        var index = new InMemoryVectorIndex();
        var embedder = new HashingEmbedder();
        var kb = new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer()),
                embedder, index, Clock.systemUTC()), new SearchService(embedder, index), new LibraryService(index));
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(kb, ApiKeys.parse("secret")),
                new RateLimiter(1000, 1000, System::nanoTime));
        remote = new RemoteKnowledgeBase(server.uri(), "secret", Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTextOverOneRequestGoesUpInPartsAndAShorterNewVersionLeavesNoStaleParts() {
        String paragraph = "Quarterly filing paragraph about revenue, margins and guidance for the year ahead. ".repeat(20) + "\n\n";
        String longText = paragraph.repeat(RemoteKnowledgeBase.PART_CHARS * 2 / paragraph.length() + 50)
                + "The unique closing remark mentions zeppelin logistics.";

        var result = remote.ingest(new TextIngestRequest("annual-report", longText, "Annual report", "/filings/ar.txt",
                null, List.of("acme"), null, null, Map.of()));

        assertThat(result.documentId()).isEqualTo("annual-report-part-1");
        assertThat(remote.document("annual-report-part-3").title()).isEqualTo("Annual report (part 3 of 3)");
        assertThat(remote.document("annual-report-part-2").attributes()).containsEntry("part_of", "annual-report")
                .containsEntry("part", "2/3");
        assertThat(remote.search(SearchRequest.of("zeppelin logistics", 1)).results().getFirst().documentId())
                .isEqualTo("annual-report-part-3");

        remote.ingest(new TextIngestRequest("annual-report", longText.substring(0, RemoteKnowledgeBase.PART_CHARS + 1000),
                "Annual report", "/filings/ar.txt", null, List.of("acme"), null, null, Map.of()));

        assertThatThrownBy(() -> remote.document("annual-report-part-3")).isInstanceOf(AlexException.class);
        assertThat(remote.document("annual-report-part-2").title()).isEqualTo("Annual report (part 2 of 2)");
    }

    @Test
    void passagesComeBackWithTheirTokenCountsAndPageNumbers() {
        String page1 = "Revenue grew on data-center demand and pricing. ".repeat(60).strip();
        String page2 = "Margins narrowed as the new process ramped. ".repeat(60).strip();
        String text = page1 + "\n\n" + page2;
        var stored = remote.ingest(new TextIngestRequest(null, text, "Paged", "/filings/paged.pdf", null, null, null,
                "application/pdf", null, List.of(new PageSpan(1, 0, page1.length()),
                new PageSpan(2, page1.length() + 2, text.length()))));

        var chunks = remote.chunks(stored.documentId());

        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).as("token_count").isPositive());
        assertThat(chunks).extracting(ChunkRecord::page).contains(1, 2).isSorted();
        assertThat(chunks.getFirst().page()).isEqualTo(1);
        assertThat(chunks.getLast().page()).isEqualTo(2);
        var hits = remote.search(new SearchRequest("margins narrowed process", 10, SearchFilter.NONE, SearchMode.KEYWORD))
                .results();
        assertThat(hits).extracting(SearchHit::page).contains(2);
        assertThat(hits).allSatisfy(h -> assertThat(h.page()).isEqualTo(chunks.get(h.chunkIndex()).page()));
    }

    @Test
    void aListingFilteredByTwoTypesListsDocumentsOfBoth() {
        remote.ingest(new TextIngestRequest(null, "A note on copper.", null, "/n/copper", DocumentType.NOTE, null, null,
                null, null));
        remote.ingest(new TextIngestRequest(null, "Research on nickel.", null, "/r/nickel", DocumentType.RESEARCH, null,
                null, null, null));
        remote.ingest(TextIngestRequest.of("A filing on zinc.", null, "/d/zinc"));

        var listed = remote.documents(new DocumentQuery(new SearchFilter(Set.of(DocumentType.NOTE, DocumentType.RESEARCH),
                null, null, null, null), null, 10, null)).documents();

        assertThat(listed).extracting(DocumentRecord::source).containsExactlyInAnyOrder("/n/copper", "/r/nickel");
    }

    @Test
    void aLongPagedTextGoesUpInPartsAndEveryPassageKeepsThePageAndSectionItHasInTheWholeText() {
        var pages = new java.util.ArrayList<PageSpan>();
        var sections = new java.util.ArrayList<app.alex.core.extract.ExtractedDocument.SectionSpan>();
        var text = new StringBuilder();
        for (int number = 1; number <= 60; number++) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            int start = text.length();
            text.append(("Page " + number + " marker-p" + number + " discusses segment revenue and margins. ").repeat(160)
                    .strip());
            pages.add(new PageSpan(number, start, text.length()));
            if (number % 7 == 1) { // a section every seven pages, each running across part boundaries
                if (!sections.isEmpty()) {
                    var last = sections.removeLast();
                    sections.add(new app.alex.core.extract.ExtractedDocument.SectionSpan(last.path(), last.start(), start));
                }
                sections.add(new app.alex.core.extract.ExtractedDocument.SectionSpan("Item " + number, start, start));
            }
        }
        var lastSection = sections.removeLast();
        sections.add(new app.alex.core.extract.ExtractedDocument.SectionSpan(lastSection.path(), lastSection.start(),
                text.length()));
        assertThat(text.length()).isGreaterThan(RemoteKnowledgeBase.PART_CHARS * 2);

        var result = remote.ingest(new TextIngestRequest("paged-report", text.toString(), "Paged report", "/filings/p.pdf",
                null, null, null, "application/pdf", null, pages, sections));

        int parts = Integer.parseInt(remote.document("paged-report-part-1").attributes().get("part").split("/")[1]);
        assertThat(parts).isGreaterThanOrEqualTo(3);
        assertThat(result.chunkCount()).isPositive();
        long partStart = 0;
        for (int part = 1; part <= parts; part++) {
            for (ChunkRecord chunk : remote.chunks("paged-report-part-" + part)) {
                long offset = partStart + chunk.startOffset();
                int expected = pages.stream().filter(p -> p.start() <= offset).mapToInt(PageSpan::number).max().orElseThrow();
                assertThat(chunk.page()).as("part %d passage %d", part, chunk.index()).isEqualTo(expected);
                String section = sections.stream().filter(sp -> sp.start() <= offset).reduce((a, b) -> b).orElseThrow()
                        .path();
                assertThat(chunk.section()).as("part %d passage %d", part, chunk.index()).isEqualTo(section);
            }
            partStart += remote.document("paged-report-part-" + part).charCount();
        }
        assertThat(partStart).isEqualTo(text.length());
    }

    @Test
    void partsAreCutAtParagraphBreaksAndTogetherAreTheWholeText() {
        String text = ("word ".repeat(30) + "\n\n").repeat(100);
        var parts = RemoteKnowledgeBase.split(text, 1000);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allMatch(p -> p.length() <= 1000);
        assertThat(parts.subList(0, parts.size() - 1)).allMatch(p -> p.endsWith("word ") || p.startsWith("\n\n") || p.endsWith("\n\n"));
    }

    @Test
    void ingestSearchListShowAndDeleteRoundTripThroughHttp() {
        var created = remote.ingest(new TextIngestRequest(null, "Reinvested dividends are new tax lots.", "Dividends",
                "/notes/div.md", DocumentType.NOTE, List.of("vti"), null, "text/markdown", Map.of("desk", "income")));
        remote.ingest(TextIngestRequest.of("Rates were held steady.", "Rates", "/notes/rates.md"));

        var hits = remote.search(new SearchRequest("reinvested dividends", 5,
                new SearchFilter(Set.of(DocumentType.NOTE), Set.of("VTI"), "/notes", null, null), SearchMode.SEMANTIC));
        var page = remote.documents(new DocumentQuery(null, null, 1, null));
        var document = remote.document(created.documentId());
        var chunks = remote.chunks(created.documentId());
        remote.delete(created.documentId());

        assertThat(created.status()).isEqualTo(IngestStatus.CREATED);
        assertThat(hits.results()).singleElement().satisfies(h -> {
            assertThat(h.title()).isEqualTo("Dividends");
            assertThat(h.tags()).containsExactly("vti"); // stored as typed, found by the filter "VTI"
        });
        assertThat(page.documents()).hasSize(1);
        assertThat(page.nextCursor()).isNotNull();
        assertThat(document.attributes()).containsEntry("desk", "income");
        assertThat(document.mediaType()).isEqualTo("text/markdown");
        assertThat(chunks).singleElement().satisfies(c -> assertThat(c.text()).contains("tax lots"));
        assertThat(remote.stats().documents()).isEqualTo(1);
        assertThatThrownBy(() -> remote.document(created.documentId()))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aWrongKeyComesBackAsForbiddenWithTheServersMessage() {
        var wrong = new RemoteKnowledgeBase(server.uri(), "guess", Duration.ofSeconds(5));

        assertThatThrownBy(() -> wrong.documents(DocumentQuery.firstPage(5)))
                .isInstanceOfSatisfying(AlexException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("The API key is not valid.");
                });
    }

    @Test
    void nothingListeningSaysTheServerCannotBeReached() throws Exception {
        int freePort;
        try (var socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        var nowhere = new RemoteKnowledgeBase(URI.create("http://127.0.0.1:" + freePort), "k", Duration.ofSeconds(5));

        assertThatThrownBy(() -> nowhere.documents(DocumentQuery.firstPage(5)))
                .isInstanceOf(AlexException.class).hasMessageContaining("Cannot reach the Alex API");
    }

    @Test
    void aServerThatIsNotAlexIsRecognised() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>Welcome to nginx</html>".getBytes();
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            var wrongUrl = new RemoteKnowledgeBase(URI.create("http://127.0.0.1:" + other.getAddress().getPort()), "k",
                    Duration.ofSeconds(5));

            assertThatThrownBy(() -> wrongUrl.documents(DocumentQuery.firstPage(5)))
                    .isInstanceOf(AlexException.class).hasMessageContaining("not like an Alex API");
        } finally {
            other.stop(0);
        }
    }
}
