package app.alex.aws.s3vectors;

import app.alex.aws.client.AwsClients;
import app.alex.aws.client.AwsFailures;
import app.alex.aws.client.CallPolicy;
import app.alex.aws.client.ClientSettings;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.EmbeddedChunks;
import app.alex.core.index.HybridFusion;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.index.ScoredChunk;
import app.alex.core.index.VectorIndex;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3vectors.S3VectorsClient;
import software.amazon.awssdk.services.s3vectors.model.GetOutputVector;
import software.amazon.awssdk.services.s3vectors.model.ListOutputVector;
import software.amazon.awssdk.services.s3vectors.model.ListVectorsResponse;
import software.amazon.awssdk.services.s3vectors.model.PutInputVector;
import software.amazon.awssdk.services.s3vectors.model.QueryOutputVector;
import software.amazon.awssdk.services.s3vectors.model.VectorData;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The cloud {@link VectorIndex}: one Amazon S3 Vectors index (384 dimensions, cosine), used with
 * PutVectors, QueryVectors, GetVectors, DeleteVectors and ListVectors only.
 *
 * <h2>Layout</h2>
 * Each chunk is a vector keyed {@code <document id>#<version>#<chunk index>}; each document also
 * has one record vector keyed {@code <document id>} naming its current version (see
 * {@link VectorMetadata}). Chunk text goes in the non-filterable metadata key {@code text}.
 *
 * <h2>Replacement readers never see half of</h2>
 * {@link #upsert} writes the new chunks under a fresh version, then rewrites the record vector
 * (current = new, previous = old), then deletes the old version's chunks. A search runs
 * QueryVectors, then reads the hit documents' record vectors with one GetVectors call, and keeps
 * for each document only the chunks of one version: the current one when the query saw it, else
 * the previous one (the query ran just before the record moved on, and that version was
 * complete and not yet deleted when it ran). So a search sees the old version or the new one,
 * never a mix, never neither. Limits: a document with more than 500 chunks is written in several
 * PutVectors calls, so a search racing that write may see part of the new version; two
 * replacements of one document between a search's two calls drop that document from that one
 * result; two writers replacing one document at once leave the loser's chunks orphaned (never
 * shown, not counted).
 *
 * <h2>Ranking</h2>
 * {@link #supportedModes()} is {@code HYBRID} and {@code SEMANTIC}: S3 Vectors has no full-text
 * ranking, so a KEYWORD query is refused with a clear error. A HYBRID query whose words hold exact
 * terms ({@link ExactTerms}: codes such as "XR-7704" or "10-K", tickers, acronyms) makes a second
 * QueryVectors call, filtered to the passages whose stored terms hold one of them, and fuses both
 * rankings as the embedded index does ({@link HybridFusion}): the one passage holding a part number
 * comes first, which meaning alone never finds. A HYBRID query without such terms is its meaning
 * ranking. Both calls' hits go through one record read, so they show one version of each document.
 * Documents written before passages carried terms say so on their record
 * ({@link #storedInCurrentLayout}), and ingesting one again stores it again from its own vectors.
 * Semantic scores are cosine similarities, {@code 1 - cosine distance}, as the embedded index
 * reports. Filters run inside S3 Vectors except the source prefix, which has no operator there:
 * with a prefix the index asks for the maximum 100 hits and keeps the matching ones, so such a
 * search can return fewer than top k.
 *
 * <h2>Listing</h2>
 * ListVectors has no filter or order, so {@link #list} pages through every key (1000 a call),
 * reads the record vectors (100 a call), then filters, sorts and cuts the page here. That is fine
 * for thousands of documents; past that, records belong in an index of their own.
 *
 * <h2>Counts</h2>
 * {@link #stats} (the desktop's status bar asks for it on every refresh) reads one vector, keyed
 * {@value #COUNTS_KEY} (no document id is empty, so it is never a record or chunk key): the
 * running totals of documents and chunks, which every upsert and delete adjusts after its own
 * writes. An index without that vector (made by an older version) is counted once by listing,
 * and the totals are written. S3 Vectors has no conditional write, so two writers adjusting the
 * totals at the same instant can lose one adjustment; every unfiltered {@link #list}, which walks
 * all records anyway, rewrites totals that disagree with what it saw.
 */
public final class S3VectorsIndex implements VectorIndex {
    public static final int DIMENSION = 384;
    /** S3 Vectors limits. */
    static final int MAX_PUT = 500;
    static final int MAX_DELETE = 500;
    static final int MAX_GET = 100;
    static final int MAX_TOP_K = 100;
    static final int MAX_LIST = 1000;
    /** PutVectors takes at most 20 MiB a request; stay well under it. */
    static final int MAX_PUT_BYTES = 16 * 1024 * 1024;
    private static final String SERVICE = "the vector store (S3 Vectors)";
    /** The running totals' vector. */
    static final String COUNTS_KEY = "#counts";

    private final S3VectorsClient client;
    private final String bucket;
    private final String indexName;

    /** Uses {@code client} as given (tests point it at a local fake). The index owns it: {@link #close} closes it. */
    public S3VectorsIndex(S3VectorsClient client, String bucket, String indexName) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = requireName(bucket, "vector bucket");
        this.indexName = requireName(indexName, "vector index");
    }

    /** A client for {@code region} with the default retry and timeout policy; makes no network call. */
    public static S3VectorsIndex create(String region, String bucket, String indexName) {
        return create(ClientSettings.of(region, CallPolicy.s3VectorsDefaults()), bucket, indexName);
    }

    public static S3VectorsIndex create(ClientSettings settings, String bucket, String indexName) {
        return new S3VectorsIndex(AwsClients.s3Vectors(settings), bucket, indexName);
    }

    /**
     * From the Lambda environment: {@code AWS_REGION} (set by Lambda), {@code ALEX_VECTOR_BUCKET}
     * and {@code ALEX_VECTOR_INDEX} (set by Terraform).
     */
    public static S3VectorsIndex fromEnvironment(Map<String, String> env) {
        return create(required(env, "AWS_REGION"), required(env, "ALEX_VECTOR_BUCKET"), required(env, "ALEX_VECTOR_INDEX"));
    }

    // --- writing ------------------------------------------------------------------------------

    @Override
    public void upsert(DocumentRecord document, List<ChunkRecord> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk: " + chunks.size() + " chunks, " + vectors.size() + " vectors");
        }
        for (float[] vector : vectors) {
            if (vector.length != DIMENSION) {
                throw new IllegalArgumentException("vector of " + vector.length + " dimensions, expected " + DIMENSION);
            }
        }
        // Every vector is built and size-checked before the first request: a too-large document
        // fails whole, with nothing read or written.
        String version = newVersion(null);
        List<Write> writes = chunkWrites(document, version, chunks, vectors);
        VectorMetadata.record(document, version, chunks.size(), null);
        StoredRecord old = record(document.id()).orElse(null);
        if (old != null && (version.equals(old.version()) || version.equals(old.previousVersion()))) {
            version = newVersion(old);
            writes = chunkWrites(document, version, chunks, vectors);
        }
        Write record = put(document.id(), recordVector(vectors), VectorMetadata.record(document, version, chunks.size(), old));

        putAll(writes, "storing document '" + document.id() + "'");
        // The record flips readers to the new version in one write.
        putAll(List.of(record), "storing document '" + document.id() + "'");
        if (old != null) {
            var stale = new ArrayList<String>(chunkKeys(document.id(), old.version(), old.chunkCount()));
            if (old.previousVersion() != null) {
                // Normally gone already; deleting again cleans up after an earlier interrupted replacement.
                stale.addAll(chunkKeys(document.id(), old.previousVersion(), old.previousChunkCount()));
            }
            deleteAll(stale, "removing the old version of document '" + document.id() + "'");
        }
        adjustCounts(old == null ? 1 : 0, chunks.size() - (old == null ? 0 : old.chunkCount()),
                "storing document '" + document.id() + "'");
    }

    private static List<Write> chunkWrites(DocumentRecord document, String version, List<ChunkRecord> chunks,
                                           List<float[]> vectors) {
        var writes = new ArrayList<Write>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            ChunkRecord chunk = chunks.get(i);
            // Keys count positions 0..n-1, so the record's chunk count alone names every key.
            writes.add(put(chunkKey(document.id(), version, i), vectors.get(i),
                    VectorMetadata.chunk(document, version, chunk)));
        }
        return writes;
    }

    @Override
    public boolean delete(String documentId) {
        Optional<StoredRecord> found = record(documentId);
        if (found.isEmpty()) {
            return false;
        }
        StoredRecord old = found.get();
        // The record goes first: searches drop chunks whose document has no record.
        deleteAll(List.of(documentId), "deleting document '" + documentId + "'");
        var keys = new ArrayList<String>(chunkKeys(documentId, old.version(), old.chunkCount()));
        if (old.previousVersion() != null) {
            keys.addAll(chunkKeys(documentId, old.previousVersion(), old.previousChunkCount()));
        }
        deleteAll(keys, "deleting document '" + documentId + "'");
        adjustCounts(-1, -old.chunkCount(), "deleting document '" + documentId + "'");
        return true;
    }

    /** One vector to put, with the approximate size it adds to a PutVectors body. */
    private record Write(PutInputVector vector, long bytes) {
    }

    /** PutVectors in batches of at most 500 vectors and 16 MiB. */
    private void putAll(List<Write> writes, String action) {
        int from = 0;
        while (from < writes.size()) {
            int to = from;
            long bytes = 0;
            while (to < writes.size() && to - from < MAX_PUT) {
                long size = writes.get(to).bytes();
                if (to > from && bytes + size > MAX_PUT_BYTES) {
                    break;
                }
                bytes += size;
                to++;
            }
            List<PutInputVector> batch = writes.subList(from, to).stream().map(Write::vector).toList();
            call(action, () -> client.putVectors(r -> r.vectorBucketName(bucket).indexName(indexName).vectors(batch)));
            from = to;
        }
    }

    private void deleteAll(List<String> keys, String action) {
        for (int from = 0; from < keys.size(); from += MAX_DELETE) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + MAX_DELETE));
            call(action, () -> client.deleteVectors(r -> r.vectorBucketName(bucket).indexName(indexName).keys(batch)));
        }
    }

    /** Size in a PutVectors body: about 12 bytes of JSON a float, plus the key and the metadata. */
    private static Write put(String key, float[] vector, VectorMetadata.Fields metadata) {
        var put = PutInputVector.builder().key(key).data(vectorData(vector)).metadata(metadata.toDocument()).build();
        return new Write(put, vector.length * 12L + key.length() + 64 + metadata.totalBytes());
    }

    /**
     * A record vector needs some vector: the normalised mean of the chunks (the document's
     * centroid), or a unit axis for a document without chunks. It never ranks: queries filter
     * on kind = chunk.
     */
    private static float[] recordVector(List<float[]> vectors) {
        float[] mean = new float[DIMENSION];
        for (float[] v : vectors) {
            for (int d = 0; d < DIMENSION; d++) {
                mean[d] += v[d];
            }
        }
        double norm = 0;
        for (float x : mean) {
            norm += (double) x * x;
        }
        if (norm == 0 || Double.isNaN(norm)) {
            mean = new float[DIMENSION];
            mean[0] = 1;
            return mean;
        }
        double length = Math.sqrt(norm);
        for (int d = 0; d < DIMENSION; d++) {
            mean[d] = (float) (mean[d] / length);
        }
        return mean;
    }

    private static String newVersion(StoredRecord old) {
        while (true) {
            byte[] bytes = new byte[5];
            ThreadLocalRandom.current().nextBytes(bytes);
            String version = HexFormat.of().formatHex(bytes);
            if (old == null || (!version.equals(old.version()) && !version.equals(old.previousVersion()))) {
                return version;
            }
        }
    }

    // --- reading ------------------------------------------------------------------------------

    @Override
    public Optional<DocumentRecord> document(String documentId) {
        return record(documentId).map(StoredRecord::document);
    }

    /** Documents written before passages carried exact terms are not: the word half of hybrid search cannot see them. */
    @Override
    public boolean storedInCurrentLayout(String documentId) {
        return record(documentId).map(stored -> stored.layout() >= VectorMetadata.CURRENT_LAYOUT).orElse(true);
    }

    @Override
    public List<ChunkRecord> chunks(String documentId) {
        return readChunks(documentId, false).map(read -> read.chunks().chunks()).orElse(List.of());
    }

    /**
     * The chunks with their vectors: GetVectors with {@code returnData}, 100 keys a call. Only a
     * whole version is an answer: a document caught mid-replacement three times over is empty
     * here (the caller then embeds), where {@link #chunks} shows what it found.
     */
    @Override
    public Optional<EmbeddedChunks> embeddedChunks(String documentId) {
        return readChunks(documentId, true).filter(ChunkRead::complete).map(ChunkRead::chunks);
    }

    /** What one read of a document's chunks found, and whether it was the whole current version. */
    private record ChunkRead(EmbeddedChunks chunks, boolean complete) {
    }

    /**
     * A document's current version's chunks in order; with {@code withData} their vectors too
     * (without, each vector is an empty placeholder). Empty when there is no record.
     */
    private Optional<ChunkRead> readChunks(String documentId, boolean withData) {
        ChunkRead read = null;
        // A replacement may delete the version between reading the record and its chunks: read again.
        for (int attempt = 0; attempt < 3 && (read == null || !read.complete()); attempt++) {
            Optional<StoredRecord> found = record(documentId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            StoredRecord record = found.get();
            var byIndex = new TreeMap<Integer, GetOutputVector>();
            for (GetOutputVector vector : get(chunkKeys(documentId, record.version(), record.chunkCount()), withData,
                    "reading document '" + documentId + "'")) {
                byIndex.put(VectorMetadata.integer(vector.metadata().asMap(), VectorMetadata.CHUNK_INDEX), vector);
            }
            var chunks = new ArrayList<ChunkRecord>(byIndex.size());
            var vectors = new ArrayList<float[]>(byIndex.size());
            for (GetOutputVector vector : byIndex.values()) {
                chunks.add(chunkOf(documentId, vector.metadata().asMap()));
                vectors.add(withData ? unfloats(vector.data().float32()) : new float[0]);
            }
            read = new ChunkRead(new EmbeddedChunks(chunks, vectors), chunks.size() == record.chunkCount());
        }
        return Optional.of(read);
    }

    @Override
    public List<ScoredChunk> search(IndexQuery query) {
        if (query.mode() == SearchMode.KEYWORD) {
            throw AlexException.badRequest("Keyword search is not available with the cloud index: S3 Vectors has no"
                    + " full-text ranking. Use hybrid search (meaning, plus the passages holding the codes you type)"
                    + " or semantic search.");
        }
        List<String> terms = query.mode() == SearchMode.HYBRID
                ? ExactTerms.of(query.text() == null ? "" : query.text()).stream().limit(MAX_QUERY_TERMS).toList() : List.of();
        // The source prefix is checked here, so a prefix asks for the most hits; hybrid takes both
        // rankings as deep as the embedded index does (3k, at least 50), within S3 Vectors' 100.
        int depth = S3VectorsFilters.needsPostFilter(query.filter()) ? MAX_TOP_K
                : terms.isEmpty() ? query.topK() : Math.min(MAX_TOP_K, Math.max(50, query.topK() * 3));
        var requests = new ArrayList<Document>();
        requests.add(S3VectorsFilters.forChunks(query.filter()));
        if (!terms.isEmpty()) {
            requests.add(S3VectorsFilters.forChunksHolding(query.filter(), terms));
        }
        List<Float> queryVector = floats(query.vector());
        // A document replaced twice between the query and the record read has moved past every
        // version the query saw (both deleted or about to be): ask again, a few times at most.
        Attempt attempt = null;
        for (int i = 0; i < SEARCH_ATTEMPTS && (attempt == null || attempt.outrun()); i++) {
            attempt = searchOnce(query, depth, queryVector, requests);
        }
        List<ScoredChunk> semantic = attempt.rankings().getFirst();
        if (terms.isEmpty()) {
            return semantic.size() > query.topK() ? List.copyOf(semantic.subList(0, query.topK())) : semantic;
        }
        return HybridFusion.fuse(semantic, byTermsHeld(attempt.rankings().get(1), terms), query.topK());
    }

    /** The query's exact terms a hybrid search looks for at most (one $or clause each). */
    static final int MAX_QUERY_TERMS = 8;

    /**
     * The passages holding the query's exact terms, as the word half of hybrid fusion: most of the
     * query's terms held first, then closest in meaning; the score is the count of terms held, so a
     * passage holding two where the next holds one leads by the margin fusion places first.
     */
    private static List<ScoredChunk> byTermsHeld(List<ScoredChunk> holding, List<String> terms) {
        var held = new HashMap<String, Integer>();
        for (ScoredChunk hit : holding) {
            var passageTerms = new HashSet<>(ExactTerms.of(hit.chunk().text()));
            held.put(hit.chunk().key(), (int) terms.stream().filter(passageTerms::contains).count());
        }
        return holding.stream()
                .sorted(Comparator.comparingInt((ScoredChunk hit) -> held.get(hit.chunk().key())).reversed()
                        .thenComparing(Comparator.comparingDouble(ScoredChunk::cosine).reversed()))
                .map(hit -> new ScoredChunk(Math.max(1, held.get(hit.chunk().key())), hit.cosine(), hit.document(), hit.chunk()))
                .toList();
    }

    /** How many times a search is asked again when replacements outran it. */
    static final int SEARCH_ATTEMPTS = 3;

    /** Each request's chunks (same order as the requests), and whether some document's versions all went stale meanwhile. */
    private record Attempt(List<List<ScoredChunk>> rankings, boolean outrun) {
    }

    /**
     * Runs each QueryVectors request (one filter each), then reads the hit documents' records in
     * one GetVectors call and keeps, in every ranking, the same one version of each document: two
     * rankings of one search never show two versions of a document between them.
     */
    private Attempt searchOnce(IndexQuery query, int topK, List<Float> queryVector, List<Document> filters) {
        var answers = new ArrayList<List<QueryOutputVector>>(filters.size());
        for (Document filter : filters) {
            answers.add(call("searching", () -> client.queryVectors(r -> r
                    .vectorBucketName(bucket).indexName(indexName)
                    .queryVector(VectorData.fromFloat32(queryVector))
                    .topK(topK).filter(filter)
                    .returnMetadata(true).returnDistance(true))).vectors());
        }
        var versionsSeen = new LinkedHashMap<String, Set<String>>();
        for (List<QueryOutputVector> hits : answers) {
            for (QueryOutputVector hit : hits) {
                Map<String, Document> metadata = hit.metadata().asMap();
                versionsSeen.computeIfAbsent(VectorMetadata.string(metadata, VectorMetadata.DOCUMENT_ID), id -> new HashSet<>())
                        .add(VectorMetadata.string(metadata, VectorMetadata.VERSION));
            }
        }
        if (versionsSeen.isEmpty()) {
            return new Attempt(answers.stream().map(a -> List.<ScoredChunk>of()).toList(), false);
        }
        // GetVectors tells each document's current version: one call for a ranking's at most 100
        // documents, two at most for a hybrid's two rankings.
        Map<String, StoredRecord> records = records(List.copyOf(versionsSeen.keySet()), "searching");
        boolean outrun = false;
        var rankings = new ArrayList<List<ScoredChunk>>(answers.size());
        for (List<QueryOutputVector> hits : answers) {
            var out = new ArrayList<ScoredChunk>(hits.size());
            for (QueryOutputVector hit : hits) {
                Map<String, Document> metadata = hit.metadata().asMap();
                String documentId = VectorMetadata.string(metadata, VectorMetadata.DOCUMENT_ID);
                StoredRecord record = records.get(documentId);
                if (record == null || !query.filter().matches(record.document())) {
                    continue;
                }
                String visible = record.visibleVersion(versionsSeen.get(documentId));
                if (visible == null) {
                    outrun = true;
                }
                if (!Objects.equals(visible, VectorMetadata.string(metadata, VectorMetadata.VERSION))) {
                    continue;
                }
                // S3 Vectors reports cosine distance = 1 - cosine similarity.
                out.add(ScoredChunk.semantic(1.0 - hit.distance(), record.document(), chunkOf(documentId, metadata)));
            }
            out.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
            rankings.add(out);
        }
        return new Attempt(rankings, outrun);
    }

    @Override
    public DocumentPage list(DocumentQuery query) {
        boolean byTitle = query.sort() == DocumentQuery.Sort.TITLE;
        Comparator<DocumentRecord> order = byTitle
                ? Comparator.comparing((DocumentRecord d) -> d.title().toLowerCase(Locale.ROOT)).thenComparing(DocumentRecord::id)
                : Comparator.comparing(DocumentRecord::ingestedAt, Comparator.reverseOrder()).thenComparing(DocumentRecord::id);
        DocumentRecord after = query.cursor() == null ? null : decodeCursor(query.cursor(), byTitle);
        List<StoredRecord> records = allRecords();
        if (after == null && query.filter().equals(SearchFilter.NONE)) {
            healCounts(records);
        }
        List<DocumentRecord> matching = records.stream()
                .map(StoredRecord::document)
                .filter(query.filter()::matches)
                .filter(d -> after == null || order.compare(d, after) > 0)
                .sorted(order)
                .toList();
        if (matching.size() <= query.limit()) {
            return new DocumentPage(matching, null);
        }
        List<DocumentRecord> page = matching.subList(0, query.limit());
        return new DocumentPage(page, encodeCursor(page.getLast(), byTitle));
    }

    @Override
    public IndexStats stats() {
        return readCounts().orElseGet(this::recount);
    }

    @Override
    public Set<SearchMode> supportedModes() {
        return Set.of(SearchMode.HYBRID, SearchMode.SEMANTIC);
    }

    @Override
    public void close() {
        client.close();
    }

    // --- counts -------------------------------------------------------------------------------

    private Optional<IndexStats> readCounts() {
        return call("counting documents", () -> client.getVectors(r -> r.vectorBucketName(bucket).indexName(indexName)
                .keys(COUNTS_KEY).returnData(false).returnMetadata(true))).vectors().stream()
                .filter(v -> v.metadata() != null)
                .map(v -> v.metadata().asMap())
                .filter(m -> VectorMetadata.KIND_COUNTS.equals(VectorMetadata.string(m, VectorMetadata.KIND)))
                .map(m -> new IndexStats(VectorMetadata.longValue(m, VectorMetadata.DOCUMENTS),
                        VectorMetadata.longValue(m, VectorMetadata.CHUNKS)))
                .findFirst();
    }

    /** Counts every record (the slow way, once per index) and stores the totals. */
    private IndexStats recount() {
        IndexStats counted = countsOf(allRecords());
        writeCounts(counted, "counting documents");
        return counted;
    }

    private static IndexStats countsOf(List<StoredRecord> records) {
        return new IndexStats(records.size(), records.stream().mapToLong(StoredRecord::chunkCount).sum());
    }

    private void adjustCounts(long documents, long chunks, String action) {
        Optional<IndexStats> current = readCounts();
        if (current.isEmpty()) {
            recount(); // sees this write already
            return;
        }
        if (documents != 0 || chunks != 0) {
            IndexStats c = current.get();
            writeCounts(new IndexStats(Math.max(0, c.documents() + documents), Math.max(0, c.chunks() + chunks)), action);
        }
    }

    private void healCounts(List<StoredRecord> records) {
        IndexStats seen = countsOf(records);
        if (!readCounts().map(seen::equals).orElse(false)) {
            writeCounts(seen, "counting documents");
        }
    }

    private void writeCounts(IndexStats counts, String action) {
        float[] axis = new float[DIMENSION];
        axis[0] = 1; // some direction: a cosine index takes no zero vector
        putAll(List.of(put(COUNTS_KEY, axis, VectorMetadata.counts(counts.documents(), counts.chunks()))), action);
    }

    // --- record vectors -------------------------------------------------------------------------

    private Optional<StoredRecord> record(String documentId) {
        return Optional.ofNullable(records(List.of(documentId), "reading document '" + documentId + "'").get(documentId));
    }

    private Map<String, StoredRecord> records(List<String> documentIds, String action) {
        var out = new HashMap<String, StoredRecord>();
        for (GetOutputVector vector : get(documentIds, action)) {
            Map<String, Document> metadata = vector.metadata() == null ? Map.of() : vector.metadata().asMap();
            if (VectorMetadata.KIND_DOCUMENT.equals(VectorMetadata.string(metadata, VectorMetadata.KIND))) {
                out.put(vector.key(), StoredRecord.from(metadata));
            }
        }
        return out;
    }

    /** Every record vector: ListVectors over all keys (record keys have no '#'), then GetVectors on those. */
    private List<StoredRecord> allRecords() {
        var recordKeys = new ArrayList<String>();
        String token = null;
        do {
            String next = token;
            ListVectorsResponse page = call("listing documents", () -> client.listVectors(r -> r
                    .vectorBucketName(bucket).indexName(indexName).maxResults(MAX_LIST)
                    .returnData(false).returnMetadata(false).nextToken(next)));
            for (ListOutputVector vector : page.vectors()) {
                if (vector.key().indexOf('#') < 0) {
                    recordKeys.add(vector.key());
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return List.copyOf(records(recordKeys, "listing documents").values());
    }

    /** GetVectors with metadata, 100 keys a call; missing keys are simply absent from the answer. */
    private List<GetOutputVector> get(List<String> keys, String action) {
        return get(keys, false, action);
    }

    private List<GetOutputVector> get(List<String> keys, boolean withData, String action) {
        var out = new ArrayList<GetOutputVector>(keys.size());
        for (int from = 0; from < keys.size(); from += MAX_GET) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + MAX_GET));
            out.addAll(call(action, () -> client.getVectors(r -> r.vectorBucketName(bucket).indexName(indexName)
                    .keys(batch).returnData(withData).returnMetadata(true))).vectors());
        }
        return out;
    }

    // --- helpers --------------------------------------------------------------------------------

    static String chunkKey(String documentId, String version, int index) {
        return documentId + "#" + version + "#" + index;
    }

    private static List<String> chunkKeys(String documentId, String version, int count) {
        var keys = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            keys.add(chunkKey(documentId, version, i));
        }
        return keys;
    }

    private static ChunkRecord chunkOf(String documentId, Map<String, Document> metadata) {
        return new ChunkRecord(documentId,
                VectorMetadata.integer(metadata, VectorMetadata.CHUNK_INDEX),
                Objects.requireNonNullElse(VectorMetadata.string(metadata, VectorMetadata.TEXT), ""),
                VectorMetadata.integer(metadata, VectorMetadata.PAGE),
                VectorMetadata.integer(metadata, VectorMetadata.START),
                VectorMetadata.integer(metadata, VectorMetadata.END),
                VectorMetadata.integer(metadata, VectorMetadata.TOKENS),
                Objects.requireNonNullElse(VectorMetadata.string(metadata, VectorMetadata.SECTION), ""));
    }

    private static VectorData vectorData(float[] vector) {
        return VectorData.fromFloat32(floats(vector));
    }

    private static float[] unfloats(List<Float> data) {
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i);
        }
        return out;
    }

    private static List<Float> floats(float[] vector) {
        var out = new ArrayList<Float>(vector.length);
        for (float x : vector) {
            out.add(x);
        }
        return out;
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw AwsFailures.translate(SERVICE, action, e);
        }
    }

    /** The cursor is the last listed document's sort key: the next page starts strictly after it. */
    private static String encodeCursor(DocumentRecord last, boolean byTitle) {
        String first = byTitle ? last.title() : last.ingestedAt().toString();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((first + "\u0000" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** A stand-in record holding only the sort key, compared with the listing's own comparator. */
    private static DocumentRecord decodeCursor(String cursor, boolean byTitle) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\u0000", 2);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new IllegalArgumentException("not a cursor");
            }
            String title = byTitle ? parts[0] : "";
            Instant ingested = byTitle ? Instant.EPOCH : Instant.parse(parts[0]);
            return new DocumentRecord(parts[1], title, "", null, null, ingested, ingested, "", 0, 0, null, null);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw AlexException.badRequest("The cursor is not valid: pass the next_cursor value of the previous page.");
        }
    }

    private static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " name is required");
        }
        return value;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new AlexException(ErrorCode.INTERNAL, "The backend is not configured: the environment variable "
                    + name + " is not set.");
        }
        return value;
    }
}
