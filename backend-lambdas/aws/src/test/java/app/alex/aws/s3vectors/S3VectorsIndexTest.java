package app.alex.aws.s3vectors;

import app.alex.aws.fakes.FakeAwsServer;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.Fault;
import app.alex.aws.fakes.RecordedCall;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.IndexQuery;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import app.alex.core.testing.HashingEmbedder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the adapter sends to S3 Vectors, and how it handles the service's answers and failures. */
class S3VectorsIndexTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DATE = Instant.parse("2025-03-01T00:00:00Z");

    private final HashingEmbedder embedder = new HashingEmbedder();
    private FakeS3Vectors fake;
    private S3VectorsIndex index;

    @BeforeEach
    void start() {
        fake = new FakeS3Vectors().createIndex("kb", "chunks");
        index = S3VectorsIndex.create(fake.clientSettings(), "kb", "chunks");
    }

    @AfterEach
    void stop() {
        fake.close();
        index.close();
    }

    private static DocumentRecord doc(String id, List<String> tags, String source) {
        return new DocumentRecord(id, "Title " + id, source, DocumentType.RESEARCH, tags, DATE, DATE, "hash", 0, 10,
                "text/plain", Map.of("analyst", "kim"));
    }

    private void store(DocumentRecord d, int chunkCount) {
        var chunks = new ArrayList<ChunkRecord>();
        var texts = new ArrayList<String>();
        for (int i = 0; i < chunkCount; i++) {
            String text = "passage " + i + " about revenue and margins";
            texts.add(text);
            chunks.add(new ChunkRecord(d.id(), i, text, 1, i * 50, i * 50 + text.length(), 8));
        }
        index.upsert(d.withChunkCount(chunkCount), chunks, embedder.embed(texts));
    }

    private IndexQuery query(String text, int topK, SearchFilter filter) {
        return new IndexQuery(embedder.embed(text), text, topK, filter, SearchMode.SEMANTIC);
    }

    /** Stored keys but the running totals' vector. */
    private List<String> storedKeys() {
        return fake.keys("kb", "chunks").stream().filter(k -> !k.equals(S3VectorsIndex.COUNTS_KEY)).toList();
    }

    /** PutVectors calls that write documents (not the running totals). */
    private List<RecordedCall> documentPuts() {
        return fake.calls("PutVectors").stream()
                .filter(c -> !c.body().path("vectors").get(0).path("key").asText().equals(S3VectorsIndex.COUNTS_KEY))
                .toList();
    }

    private static Set<String> keysOf(RecordedCall call, String arrayField) {
        var keys = new HashSet<String>();
        call.body().path(arrayField).forEach(v -> keys.add(v.isTextual() ? v.asText() : v.path("key").asText()));
        return keys;
    }

    // --- writes -----------------------------------------------------------------------------

    @Test
    void aLargeDocumentIsWrittenInPutVectorsBatchesOfAtMost500AndItsRecordLast() {
        store(doc("big", List.of("nvda"), "/filings/big.pdf"), 1203);

        var puts = documentPuts();
        assertThat(puts).extracting(c -> c.body().path("vectors").size()).containsExactly(500, 500, 203, 1);
        assertThat(puts.getLast().body().path("vectors").get(0).path("key").asText()).isEqualTo("big");
        assertThat(puts).allSatisfy(c -> {
            assertThat(c.body().path("vectorBucketName").asText()).isEqualTo("kb");
            assertThat(c.body().path("indexName").asText()).isEqualTo("chunks");
        });
        assertThat(index.chunks("big")).hasSize(1203);
    }

    @Test
    void fiveHundredChunksOfLongTextAreSplitSoNoPutVectorsPasses20MiB() {
        DocumentRecord d = doc("dense", List.of(), "/x");
        var chunks = new ArrayList<ChunkRecord>();
        for (int i = 0; i < 500; i++) {
            String text = ("passage " + i + " ").repeat(3000).substring(0, 30_000);
            chunks.add(new ChunkRecord(d.id(), i, text, 1, 0, text.length(), 250));
        }

        index.upsert(d.withChunkCount(500), chunks, java.util.Collections.nCopies(500, embedder.embed("passage")));

        assertThat(documentPuts().size()).as("500 chunks of 30 KB are more than 16 MiB").isGreaterThan(2);
        assertThat(storedKeys()).hasSize(501);
    }

    @Test
    void chunkTextTravelsInTheNonFilterableTextKeyBesideTheFilterFields() {
        store(doc("a", List.of("nvda", "Q3"), "/filings/a.pdf"), 1);

        JsonNode vector = fake.calls("PutVectors").getFirst().body().path("vectors").get(0);
        assertThat(vector.path("key").asText()).matches("a#[0-9a-f]{10}#0");
        assertThat(vector.path("data").path("float32")).hasSize(384);
        JsonNode metadata = vector.path("metadata");
        assertThat(metadata.path("text").asText()).isEqualTo("passage 0 about revenue and margins");
        assertThat(metadata.path("kind").asText()).isEqualTo("chunk");
        assertThat(metadata.path("document_id").asText()).isEqualTo("a");
        assertThat(metadata.path("type").asText()).isEqualTo("research");
        assertThat(metadata.path("tags")).extracting(JsonNode::asText).containsExactly("NVDA", "Q3");
        assertThat(metadata.path("source").asText()).isEqualTo("/filings/a.pdf");
        assertThat(metadata.path("date").asLong()).isEqualTo(DATE.toEpochMilli());
        assertThat(metadata.path("chunk_index").asInt()).isZero();
        assertThat(metadata.has("title")).as("the title lives in the record vector only").isFalse();
    }

    @Test
    void replacingADocumentDeletesTheOldVersionInDeleteVectorsCallsOfAtMost500Keys() {
        DocumentRecord d = doc("big", List.of(), "/x");
        store(d, 1100);
        var oldKeys = new HashSet<>(storedKeys());
        oldKeys.remove("big");
        fake.clearCalls();

        store(d, 2);

        var deletes = fake.calls("DeleteVectors");
        assertThat(deletes).extracting(c -> c.body().path("keys").size()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(500));
        var deleted = new HashSet<String>();
        deletes.forEach(c -> deleted.addAll(keysOf(c, "keys")));
        assertThat(deleted).isEqualTo(oldKeys);
        assertThat(storedKeys()).hasSize(3);
        // The new chunks were written before the record moved and before anything was deleted.
        assertThat(fake.calls()).extracting(RecordedCall::operation)
                .containsSubsequence("GetVectors", "PutVectors", "PutVectors", "DeleteVectors");
    }

    @Test
    void deletingADocumentRemovesItsRecordFirstSoSearchesStopShowingItAtOnce() {
        store(doc("a", List.of(), "/x"), 3);
        fake.clearCalls();

        assertThat(index.delete("a")).isTrue();

        var deletes = fake.calls("DeleteVectors");
        assertThat(keysOf(deletes.getFirst(), "keys")).containsExactly("a");
        assertThat(storedKeys()).isEmpty();
    }

    @Test
    void filterableMetadataOver2KbIsRefusedWithAClearErrorBeforeAnythingIsSent() {
        String longSource = "https://example.com/" + "x".repeat(2100);
        fake.clearCalls();

        var error = catchThrowableOfType(AlexException.class, () -> store(doc("a", List.of(), longSource), 1));

        assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(error.getMessage()).contains("'a'", "2048", "source");
        assertThat(fake.calls()).as("no request at all").isEmpty();
    }

    @Test
    void aPassageDenseWithCodesKeepsTheExactTermsThatFitBesideALongSourceAndNeverFailsForThem() {
        var d = doc("codes", List.of("NVDA", "AMD"), "/filings/" + "long-folder-name/".repeat(80));
        var text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("part XR-").append(1000 + i).append(' ');
        }
        var chunk = new ChunkRecord("codes", 0, text.toString(), 1, 0, text.length(), 900);

        index.upsert(d.withChunkCount(1), List.of(chunk), embedder.embed(List.of(text.toString())));

        JsonNode terms = fake.metadata("kb", "chunks", storedKeys().stream().filter(k -> k.startsWith("codes#"))
                .findFirst().orElseThrow()).path("terms");
        assertThat(terms.size()).as("the first terms that fit").isBetween(1, VectorMetadata.MAX_TERMS - 1);
        assertThat(terms.get(0).asText()).isEqualTo("xr-1000");
    }

    @Test
    void aChunkTooBigForS3VectorsMetadataIsRefusedBeforeAnythingIsSent() {
        var d = doc("a", List.of(), "/x");
        String text = "word ".repeat(9000);
        var chunk = new ChunkRecord("a", 0, text, 1, 0, text.length(), 9000);

        assertThatThrownBy(() -> index.upsert(d.withChunkCount(1), List.of(chunk), embedder.embed(List.of(text))))
                .isInstanceOf(AlexException.class).hasMessageContaining("smaller chunks");
        assertThat(fake.calls()).isEmpty();
    }

    // --- search -----------------------------------------------------------------------------

    @Test
    void theSearchFilterIsTranslatedIntoTheS3VectorsFilterLanguage() throws Exception {
        store(doc("a", List.of("NVDA"), "/x"), 1);
        fake.clearCalls();
        var filter = new SearchFilter(Set.of(DocumentType.NOTE, DocumentType.RESEARCH), Set.of("nvda", "t3"), null,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"));

        index.search(query("revenue", 7, filter));

        JsonNode body = fake.calls("QueryVectors").getFirst().body();
        assertThat(body.path("topK").asInt()).isEqualTo(7);
        assertThat(body.path("returnMetadata").asBoolean()).isTrue();
        assertThat(body.path("returnDistance").asBoolean()).isTrue();
        assertThat(body.path("queryVector").path("float32")).hasSize(384);
        assertThat(body.path("filter")).isEqualTo(JSON.readTree("""
                {"$and": [
                  {"kind": {"$eq": "chunk"}},
                  {"type": {"$in": ["note", "research"]}},
                  {"$or": [{"tags": {"$eq": "NVDA"}}, {"tags": {"$eq": "T3"}}]},
                  {"date": {"$gte": 1735689600000}},
                  {"date": {"$lt": 1748736000000}}
                ]}"""));
    }

    @Test
    void withoutAFilterOnlyChunkVectorsAreAskedFor() throws Exception {
        store(doc("a", List.of(), "/x"), 2);
        fake.clearCalls();

        var hits = index.search(query("revenue", 5, SearchFilter.NONE));

        assertThat(fake.calls("QueryVectors").getFirst().body().path("filter"))
                .isEqualTo(JSON.readTree("{\"kind\": {\"$eq\": \"chunk\"}}"));
        assertThat(hits).hasSize(2).allSatisfy(h -> assertThat(h.document().title()).isEqualTo("Title a"));
    }

    @Test
    void aSearchReadsItsDocumentsVersionsWithOneGetVectorsCall() {
        for (int i = 0; i < 30; i++) {
            store(doc("d" + i, List.of(), "/x"), 2);
        }
        fake.clearCalls();

        var hits = index.search(query("revenue margins", 50, SearchFilter.NONE));

        assertThat(hits).hasSize(50);
        var gets = fake.calls("GetVectors");
        assertThat(gets).hasSize(1);
        assertThat(gets.getFirst().body().path("keys").size()).isLessThanOrEqualTo(100);
        assertThat(gets.getFirst().body().path("returnData").asBoolean()).isFalse();
    }

    @Test
    void aSourcePrefixIsCheckedOnTheHitsSoTheQueryAsksForTheMostHits() {
        store(doc("f", List.of(), "/filings/f.pdf"), 2);
        store(doc("n", List.of(), "https://news/n"), 2);
        fake.clearCalls();

        var hits = index.search(query("revenue", 1, new SearchFilter(null, null, "/filings/", null, null)));

        assertThat(fake.calls("QueryVectors").getFirst().body().path("topK").asInt()).isEqualTo(100);
        assertThat(hits).hasSize(1).allSatisfy(h -> assertThat(h.document().id()).isEqualTo("f"));
    }

    @Test
    void hybridIsMeaningPlusThePassagesHoldingTheQuerysCodesAndKeywordIsRefusedClearly() {
        store(doc("a", List.of(), "/x"), 3);
        var coded = doc("po", List.of(), "/orders/po");
        String text = "Purchase order QZX-7741 covers roof repair at the Leeds warehouse.";
        index.upsert(coded.withChunkCount(1), List.of(new ChunkRecord("po", 0, text, 1, 0, text.length(), 12)),
                List.of(embedder.embed(text)));
        fake.clearCalls();

        assertThat(index.supportedModes()).containsExactlyInAnyOrder(SearchMode.HYBRID, SearchMode.SEMANTIC);
        var plainWords = index.search(new IndexQuery(embedder.embed("revenue"), "revenue", 3, null, SearchMode.HYBRID));
        assertThat(plainWords).hasSize(3);
        assertThat(fake.calls("QueryVectors")).as("no codes in the query: meaning alone").hasSize(1);

        fake.clearCalls();
        // The query's vector points at the revenue passages; only the code finds the order.
        var code = index.search(new IndexQuery(embedder.embed("revenue margins"), "qzx-7741 revenue margins", 3, null,
                SearchMode.HYBRID));
        var queries = fake.calls("QueryVectors");
        assertThat(queries).hasSize(2);
        assertThat(queries.get(1).body().path("filter").toString()).contains("\"terms\"").contains("qzx-7741");
        assertThat(code.getFirst().document().id()).as("the one passage holding the code").isEqualTo("po");
        assertThat(code.getFirst().cosine()).isCloseTo(
                app.alex.core.embed.Vectors.cosine(embedder.embed("revenue margins"), embedder.embed(text)),
                org.assertj.core.api.Assertions.within(1e-4));
        assertThat(fake.metadata("kb", "chunks", storedKeys().stream().filter(k -> k.startsWith("po#")).findFirst().orElseThrow())
                .path("terms")).extracting(com.fasterxml.jackson.databind.JsonNode::asText).containsExactly("qzx-7741");

        assertThatThrownBy(() -> index.search(new IndexQuery(null, "revenue", 3, null, SearchMode.KEYWORD)))
                .isInstanceOf(AlexException.class)
                .hasMessageContaining("Keyword search is not available")
                .extracting(e -> ((AlexException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    // --- listing ------------------------------------------------------------------------------

    @Test
    void listingPagesThroughListVectorsAndReadsRecordsAtMost100KeysAtATime() {
        for (int i = 0; i < 120; i++) {
            store(doc(String.format("d%03d", i), List.of(), "/x"), 9);
        }
        fake.clearCalls();

        var page = index.list(new DocumentQuery(null, null, 1000, DocumentQuery.Sort.TITLE));

        assertThat(page.documents()).hasSize(120);
        assertThat(page.documents().getFirst().id()).isEqualTo("d000");
        assertThat(page.nextCursor()).isNull();
        var lists = fake.calls("ListVectors");
        assertThat(lists).hasSizeGreaterThan(1);
        assertThat(lists.get(1).body().path("nextToken").asText()).isNotEmpty();
        assertThat(lists).allSatisfy(c -> assertThat(c.body().path("returnMetadata").asBoolean()).isFalse());
        assertThat(fake.calls("GetVectors")).allSatisfy(c -> assertThat(c.body().path("keys").size()).isLessThanOrEqualTo(100));
        assertThat(index.stats().chunks()).isEqualTo(120 * 9);
    }

    // --- counts -------------------------------------------------------------------------------

    @Test
    void statsCostsOneRequestHoweverManyChunksTheIndexHolds() {
        store(doc("a", List.of(), "/x"), 1200);
        store(doc("b", List.of(), "/x"), 1200);
        store(doc("c", List.of(), "/x"), 700);
        fake.clearCalls();

        var stats = index.stats();

        assertThat(stats.documents()).isEqualTo(3);
        assertThat(stats.chunks()).isEqualTo(3100);
        assertThat(fake.calls()).as("3,103 keys would take four ListVectors pages").hasSize(1);
        assertThat(fake.calls().getFirst().operation()).isEqualTo("GetVectors");
    }

    @Test
    void theCountsFollowReplacementsAndDeletions() {
        store(doc("a", List.of(), "/x"), 5);
        store(doc("b", List.of(), "/x"), 7);
        store(doc("a", List.of(), "/x"), 2);
        index.delete("b");
        index.delete("never-stored");

        assertThat(index.stats()).isEqualTo(new app.alex.core.index.IndexStats(1, 2));
    }

    @Test
    void anIndexWithoutCountsIsCountedOnceByListingAndThenFromItsCounts() {
        store(doc("a", List.of(), "/x"), 4);
        store(doc("b", List.of(), "/x"), 6);
        // As an index written before counts were kept.
        index.close();
        index = S3VectorsIndex.create(fake.clientSettings(), "kb", "chunks");
        try (var client = app.alex.aws.client.AwsClients.s3Vectors(fake.clientSettings())) {
            client.deleteVectors(r -> r.vectorBucketName("kb").indexName("chunks").keys(S3VectorsIndex.COUNTS_KEY));
        }
        fake.clearCalls();

        assertThat(index.stats()).isEqualTo(new app.alex.core.index.IndexStats(2, 10));
        assertThat(fake.calls("ListVectors")).hasSize(1);
        fake.clearCalls();
        assertThat(index.stats()).isEqualTo(new app.alex.core.index.IndexStats(2, 10));
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void anUnfilteredListingRepairsCountsThatDriftedFromTheRecords() {
        store(doc("a", List.of(), "/x"), 4);
        try (var client = app.alex.aws.client.AwsClients.s3Vectors(fake.clientSettings())) {
            // As a lost update between two writers would leave them.
            client.putVectors(r -> r.vectorBucketName("kb").indexName("chunks").vectors(v -> v.key(S3VectorsIndex.COUNTS_KEY)
                    .data(software.amazon.awssdk.services.s3vectors.model.VectorData.fromFloat32(unitAxis()))
                    .metadata(software.amazon.awssdk.core.document.Document.mapBuilder()
                            .putString("kind", "counts").putNumber("documents", 7).putNumber("chunks", 1).build())));
        }

        index.list(DocumentQuery.firstPage(10));

        assertThat(index.stats()).isEqualTo(new app.alex.core.index.IndexStats(1, 4));
    }

    private static List<Float> unitAxis() {
        var v = new ArrayList<Float>();
        for (int d = 0; d < 384; d++) {
            v.add(d == 0 ? 1f : 0f);
        }
        return v;
    }

    // --- failures -----------------------------------------------------------------------------

    @Test
    void throttlingIsRetriedWithBackoffAndThenSucceeds() {
        store(doc("a", List.of(), "/x"), 1);
        fake.clearCalls();
        fake.failNext("QueryVectors", Fault.tooManyRequests(), 2);

        var hits = index.search(query("revenue", 3, SearchFilter.NONE));

        assertThat(hits).hasSize(1);
        assertThat(fake.calls("QueryVectors")).hasSize(3);
    }

    @Test
    void serverErrorsUntilTheAttemptsRunOutGiveAClearUnavailableError() {
        fake.failNext("QueryVectors", Fault.internalError(), 10);

        var error = catchThrowableOfType(AlexException.class, () -> index.search(query("revenue", 3, SearchFilter.NONE)));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("The vector store (S3 Vectors) failed while searching after 3 attempts"
                + " (InternalServerException, HTTP 500). Try again in a moment.");
        assertThat(fake.calls("QueryVectors")).hasSize(3);
    }

    @Test
    void throttlingUntilTheAttemptsRunOutSaysTheStoreIsBusy() {
        fake.failNext("GetVectors", Fault.tooManyRequests(), 10);

        var error = catchThrowableOfType(AlexException.class, () -> index.document("a"));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).contains("busy", "throttled", "3 attempts").doesNotContain(FakeAwsServer.REQUEST_ID);
    }

    @Test
    void aServiceSide408IsRetriedLikeAServerErrorAndThenSucceeds() {
        store(doc("a", List.of(), "/x"), 1);
        fake.clearCalls();
        fake.failNext("QueryVectors", Fault.requestTimeout(), 2);

        var hits = index.search(query("revenue", 3, SearchFilter.NONE));

        assertThat(hits).hasSize(1);
        assertThat(fake.calls("QueryVectors")).hasSize(3);
    }

    @Test
    void a408UntilTheAttemptsRunOutIsReportedAsUnavailableNotAsARejectedRequest() {
        fake.failNext("GetVectors", Fault.requestTimeout(), 10);

        var error = catchThrowableOfType(AlexException.class, () -> index.document("a"));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("The vector store (S3 Vectors) did not answer in time while reading"
                + " document 'a' after 3 attempts. Try again in a moment.");
        assertThat(fake.calls("GetVectors")).hasSize(3);
    }

    @Test
    void aSlowDown503IsRetriedAndThenSucceeds() {
        fake.failNext("PutVectors", Fault.slowDown(), 2);

        store(doc("a", List.of(), "/x"), 1);

        assertThat(index.chunks("a")).hasSize(1);
    }

    @Test
    void aQuotaExceeded402IsNotRetriedAndSaysWhatToDo() {
        fake.failNext("PutVectors", Fault.quotaExceeded(), 1);

        var error = catchThrowableOfType(AlexException.class, () -> store(doc("a", List.of(), "/x"), 1));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.getMessage()).isEqualTo("The vector store (S3 Vectors) refused while storing document 'a':"
                + " an AWS service quota is reached (ServiceQuotaExceededException, HTTP 402). Delete documents you no"
                + " longer need, or ask AWS for a higher S3 Vectors quota.");
        assertThat(fake.calls("PutVectors")).hasSize(1);
    }

    @Test
    void accessDeniedIsNotRetriedAndItsMessageLeaksNoArnAccountOrRequestId() {
        fake.failNext(null, Fault.accessDenied(), 1);

        var error = catchThrowableOfType(AlexException.class, () -> index.delete("a"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.getMessage()).contains("not allowed", "permissions", "AccessDeniedException")
                .doesNotContain("arn:", "123456789012", FakeAwsServer.REQUEST_ID, "Exception:", "\tat ");
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aValidationErrorQuotesTheServiceWithoutItsRequestId() {
        fake.failNext("GetVectors", Fault.of(400, "ValidationException", "Invalid key for index arn:aws:s3vectors:us-east-1:123456789012:bucket/kb/index/chunks"), 1);

        var error = catchThrowableOfType(AlexException.class, () -> index.chunks("a"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.getMessage()).startsWith("The vector store (S3 Vectors) rejected the request while reading document 'a'")
                .contains("ValidationException, HTTP 400: Invalid key for index …")
                .doesNotContain("123456789012", FakeAwsServer.REQUEST_ID);
    }

    @Test
    void aMissingIndexIsReportedAsAConfigurationProblem() {
        var other = S3VectorsIndex.create(fake.clientSettings(), "kb", "no-such-index");

        var error = catchThrowableOfType(AlexException.class, other::stats);

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.getMessage()).contains("does not exist", "NotFoundException", "names and region");
        other.close();
    }

    @Test
    void aStalledServiceTimesOutWithinTheAttemptAndCallTimeouts() {
        var impatient = S3VectorsIndex.create(fake.clientSettings(FakeAwsServer.fastPolicy()
                .withMaxAttempts(2).withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(2))), "kb", "chunks");
        fake.failNext("QueryVectors", Fault.stallForever(), 5);

        var error = catchThrowableOfType(AlexException.class, () -> impatient.search(query("revenue", 3, SearchFilter.NONE)));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).contains("did not answer in time while searching");
        assertThat(fake.calls("QueryVectors")).hasSize(2);
        impatient.close();
    }

    @Test
    void anUnreachableServiceIsRetriedThenReportedAsUnreachable() {
        var settings = fake.clientSettings();
        fake.close();
        var orphan = S3VectorsIndex.create(settings, "kb", "chunks");

        var error = catchThrowableOfType(AlexException.class, () -> orphan.document("a"));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("The vector store (S3 Vectors) could not be reached while reading"
                + " document 'a' after 3 attempts. Check the network and try again.");
        orphan.close();
    }

    // --- construction -------------------------------------------------------------------------

    @Test
    void buildingTheIndexMakesNoNetworkCall() {
        var built = S3VectorsIndex.create(fake.clientSettings(), "kb", "chunks");
        var fromRegionOnly = S3VectorsIndex.create("eu-west-1", "kb", "chunks");

        assertThat(fake.calls()).isEmpty();
        built.close();
        fromRegionOnly.close();
    }

    @Test
    void aMissingEnvironmentVariableIsNamedInTheError() {
        assertThatThrownBy(() -> S3VectorsIndex.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "ALEX_VECTOR_BUCKET", "kb")))
                .isInstanceOf(AlexException.class).hasMessageContaining("ALEX_VECTOR_INDEX");
    }
}
