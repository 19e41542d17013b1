package app.alex.core.backend;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument.PageSpan;
import app.alex.core.extract.ExtractedDocument.SectionSpan;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of every knowledge-base record survives the wire: written by the codec, sent as JSON
 * bytes, read back by the codec, equal to what was sent. Server and client use these functions, so
 * a field one side forgets (as {@code token_count} was) fails here. Every value differs from its
 * default, so a field that is dropped cannot pass by coincidence.
 */
class KnowledgeBaseJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DATE = Instant.parse("2025-03-31T00:00:00Z");
    private static final Instant INGESTED = Instant.parse("2026-11-30T21:15:07.123456Z");

    private static JsonNode wire(Object written) throws IOException {
        return JSON.readTree(JSON.writeValueAsBytes(written));
    }

    private static DocumentRecord document(String id) {
        return new DocumentRecord(id, "NVIDIA 10-Q", "/filings/nvda-10q.pdf", DocumentType.RESEARCH, List.of("NVDA", "AMD"),
                DATE, INGESTED, "ab12cd34", 17, 52_310L, "application/pdf", Map.of("desk", "semis", "part", "2/3"));
    }

    @Test
    void anIngestRequestKeepsEveryFieldIncludingItsPageAndSectionSpans() throws IOException {
        var request = new TextIngestRequest("nvda-q3", "Page one text.\n\nPage two text.", "Q3 filing",
                "https://example.com/q3", DocumentType.NOTE, List.of("NVDA", "TSM"), DATE, "text/markdown",
                Map.of("desk", "semis", "analyst", "kim"), List.of(new PageSpan(1, 0, 14), new PageSpan(2, 16, 30)),
                List.of(new SectionSpan("Part I > Item 1A. Risk Factors", 0, 16),
                        new SectionSpan("Part I > Item 2. Properties", 16, 30)));

        assertThat(KnowledgeBaseJson.ingestRequest(wire(KnowledgeBaseJson.ingestRequest(request)))).isEqualTo(request);
    }

    @Test
    void theSeedResearchersBodyStillReads() throws IOException {
        JsonNode body = JSON.readTree("""
                {"text": "Report text", "metadata": {"title": "T", "url": "https://x", "ticker": "nvda,amd", "model": "gpt"}}""");

        TextIngestRequest request = KnowledgeBaseJson.ingestRequest(body);

        assertThat(request.source()).isEqualTo("https://x");
        assertThat(request.tags()).containsExactly("nvda", "amd");
        assertThat(request.attributes()).containsExactly(Map.entry("model", "gpt"));
        assertThat(request.pages()).isEmpty();
    }

    @Test
    void anIngestResultKeepsEveryFieldWithAndWithoutAnError() throws IOException {
        var stored = new IngestResult("/filings/q3.pdf", IngestStatus.REPLACED, "d123", "Q3", 42, null, null, 0);
        var refused = new IngestResult("/filings/q4.pdf", IngestStatus.FAILED, null, null, 0,
                ErrorCode.UNPROCESSABLE_DOCUMENT, "damaged PDF");

        assertThat(KnowledgeBaseJson.ingestResult(wire(KnowledgeBaseJson.ingestResult(stored)))).isEqualTo(stored);
        assertThat(KnowledgeBaseJson.ingestResult(wire(KnowledgeBaseJson.ingestResult(refused)))).isEqualTo(refused);
    }

    @Test
    void anOlderServersIngestResultWithoutAnEmbeddedCountCountsNewAndReplacedPassagesAsEmbedded() throws IOException {
        IngestResult created = KnowledgeBaseJson.ingestResult(JSON.readTree(
                "{\"document_id\": \"d1\", \"status\": \"created\", \"chunk_count\": 12, \"title\": \"Q3\"}"));
        IngestResult unchanged = KnowledgeBaseJson.ingestResult(JSON.readTree(
                "{\"document_id\": \"d1\", \"status\": \"unchanged\", \"chunk_count\": 12, \"title\": \"Q3\"}"));

        assertThat(created.embeddedChunks()).isEqualTo(12);
        assertThat(unchanged.embeddedChunks()).isZero();
    }

    @Test
    void aSearchRequestKeepsQueryTopKModeAndEveryFilterField() throws IOException {
        var request = new SearchRequest("data-center revenue", 7,
                new SearchFilter(Set.of(DocumentType.NOTE, DocumentType.RESEARCH), Set.of("NVDA", "AMD"), "/filings/",
                        DATE, INGESTED), SearchMode.KEYWORD);

        assertThat(KnowledgeBaseJson.searchRequest(wire(KnowledgeBaseJson.searchRequest(request)))).isEqualTo(request);
    }

    @Test
    void aSearchResponseKeepsEveryFieldOfEveryHit() throws IOException {
        var hit = new SearchHit(0.8125, 71, "d123", "NVIDIA 10-Q", "/filings/nvda-10q.pdf", DocumentType.RESEARCH,
                List.of("NVDA"), DATE, "Data-center revenue rose.", 12, 3, 1_200, 1_450,
                "Item 7. Management's Discussion > Segments", List.of("/filings/nvda-10q-copy.pdf", "d99"));
        var keywordHit = new SearchHit(7.31, null, "d124", "Copper note", "/notes/copper.md", DocumentType.NOTE,
                List.of("copper"), DATE, "Copper demand rose.", 0, 0, 0, 19);
        var response = new SearchResponse("revenue", SearchMode.SEMANTIC, List.of(hit, keywordHit), 37);

        assertThat(KnowledgeBaseJson.searchResponse(wire(KnowledgeBaseJson.searchResponse(response)))).isEqualTo(response);
    }

    @Test
    void aDocumentPageKeepsEveryFieldOfEveryDocumentAndTheCursor() throws IOException {
        var page = new DocumentPage(List.of(document("d1"), document("d2")), "cursor-abc");
        var last = new DocumentPage(List.of(document("d3")), null);

        assertThat(KnowledgeBaseJson.documentPage(wire(KnowledgeBaseJson.documentPage(page)))).isEqualTo(page);
        assertThat(KnowledgeBaseJson.documentPage(wire(KnowledgeBaseJson.documentPage(last)))).isEqualTo(last);
        assertThat(KnowledgeBaseJson.document(wire(KnowledgeBaseJson.document(document("d4"))))).isEqualTo(document("d4"));
    }

    @Test
    void chunksKeepEveryFieldIncludingPageTokenCountAndSection() throws IOException {
        var chunks = List.of(new ChunkRecord("d1", 0, "First passage.", 3, 0, 14, 5, "Item 1. Business"),
                new ChunkRecord("d1", 1, "Second passage.", 4, 16, 31, 6, "Item 1A. Risk Factors > Supply chain"));

        JsonNode written = wire(KnowledgeBaseJson.document(document("d1"), chunks));

        assertThat(KnowledgeBaseJson.document(written)).isEqualTo(document("d1"));
        assertThat(KnowledgeBaseJson.chunks(written)).isEqualTo(chunks);
    }

    @Test
    void aDocumentQuerySendsEveryTypeOfAMultiTypeFilterAndEveryOtherField() {
        var query = new DocumentQuery(new SearchFilter(Set.of(DocumentType.NOTE, DocumentType.RESEARCH),
                Set.of("NVDA", "AMD"), "/filings/", DATE, INGESTED), "cursor-abc", 250, DocumentQuery.Sort.TITLE);

        Map<String, String> params = KnowledgeBaseJson.documentQuery(query);

        assertThat(params).containsEntry("type", "note,research");
        assertThat(KnowledgeBaseJson.documentQuery(new LinkedHashMap<>(params))).isEqualTo(query);
        assertThat(KnowledgeBaseJson.documentQuery(KnowledgeBaseJson.documentQuery(DocumentQuery.firstPage(10))))
                .isEqualTo(DocumentQuery.firstPage(10));
    }

    @Test
    void statsKeepBothCounts() throws IOException {
        var stats = new IndexStats(1_234, 56_789);

        assertThat(KnowledgeBaseJson.stats(wire(KnowledgeBaseJson.stats(stats)))).isEqualTo(stats);
    }
}
