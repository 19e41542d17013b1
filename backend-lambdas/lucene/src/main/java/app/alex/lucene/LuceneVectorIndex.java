package app.alex.lucene;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentPage;
import app.alex.core.index.DocumentQuery;
import app.alex.core.index.EmbeddedChunks;
import app.alex.core.index.HybridFusion;
import app.alex.core.index.IndexInUseException;
import app.alex.core.index.IndexQuery;
import app.alex.core.index.IndexStats;
import app.alex.core.index.ScoredChunk;
import app.alex.core.index.StorageFullException;
import app.alex.core.index.VectorIndex;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchMode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.VectorScorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.knn.KnnSearchStrategy;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.VectorUtil;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded vector index: Lucene HNSW for meaning, BM25 for keywords, on disk.
 *
 * <p>One long-lived {@link IndexWriter} and a {@link SearcherManager} refreshed after each
 * commit. Each document is a block of Lucene documents, one "document record" plus one per
 * chunk, all carrying {@code doc_id}; {@link #upsert} replaces the whole block with one
 * {@code updateDocuments} call (atomic: readers see the old block or the new one) and commits
 * before returning (durable: a killed process keeps it). Top-k is honoured under filters: a
 * filtered semantic search is exact for a narrow filter and otherwise searches the graph, post-filtering
 * or filtered, whichever the filter's measured selectivity makes cheaper (see {@code FilterPlan}).
 */
public final class LuceneVectorIndex implements VectorIndex {
    static final String KIND = "kind";
    static final String DOC_ID = "doc_id";
    static final String VECTOR = "vector";
    static final String TEXT = "text";
    static final String TYPE = "type";
    static final String TAG = "tag";
    static final String SOURCE = "source";
    static final String DATE = "date";
    static final String INGESTED = "ingested";
    static final String TITLE_SORT = "title_sort";
    static final String ID_SORT = "id_sort";
    static final String CHUNK_INDEX = "chunk_index";
    static final String RECORD = "record";
    static final String PAGE = "page";
    static final String START = "start";
    static final String END = "end";
    static final String TOKENS = "tokens";
    static final String SECTION = "section";
    /** The document title and the passage's section path, searchable by keyword (not stored). */
    static final String CONTEXT = "context";
    /** A match in the title or section heading counts for less than one in the passage itself. */
    static final float SECTION_BOOST = 0.5f;
    static final String DIMENSION_KEY = "alex.dimension";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path folder;
    private final int dimension;
    private final Tuning tuning;
    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Object commitLock = new Object();

    private LuceneVectorIndex(Path folder, int dimension, Tuning tuning, Directory directory, IndexWriter writer)
            throws IOException {
        this.folder = folder;
        this.dimension = dimension;
        this.tuning = tuning;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Tests only: the filter's count as {@link #matchesUpTo} estimates it for a vector search. */
    long filterMatches(SearchFilter filter, int limit, long enough) {
        return withSearcher(searcher -> {
            Query query = searcher.rewrite(filterQuery(filter, null));
            return matchesUpTo(searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f), searcher, limit, enough);
        });
    }

    /** Whether matching the query walks a term dictionary (a prefix, as rewritten or not), here or in a clause. */
    static boolean enumeratesTerms(Query query) {
        var found = new boolean[1];
        query.visit(new org.apache.lucene.search.QueryVisitor() {
            @Override
            public void consumeTermsMatching(Query leaf, String field,
                                             java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> automaton) {
                found[0] = true;
            }

            @Override
            public org.apache.lucene.search.QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return found[0];
    }

    /** Opens (or creates) the index in {@code folder}; refuses a folder in use or built with another dimension. */
    public static LuceneVectorIndex open(Path folder, int dimension) {
        return open(folder, dimension, Tuning.DEFAULT);
    }

    /** As {@link #open(Path, int)}, with explicit search and storage settings (benchmarks compare them). */
    public static LuceneVectorIndex open(Path folder, int dimension, Tuning tuning) {
        return open(folder, dimension, tuning, FSDirectory::open);
    }

    /** The Lucene directory an index is opened on (tests wrap the real one to make a write fail). */
    interface DirectoryOpener {
        Directory open(Path folder) throws IOException;
    }

    static LuceneVectorIndex open(Path folder, int dimension, Tuning tuning, DirectoryOpener opener) {
        Directory directory = null;
        IndexWriter writer = null;
        try {
            directory = opener.open(folder);
            var config = new IndexWriterConfig(new EnglishAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCodec(tuning.codec())
                    .setRAMBufferSizeMB(64);
            writer = new IndexWriter(directory, config);
            var stored = writer.getLiveCommitData();
            if (stored != null) {
                for (Map.Entry<String, String> entry : stored) {
                    if (entry.getKey().equals(DIMENSION_KEY) && Integer.parseInt(entry.getValue()) != dimension) {
                        throw new AlexException(ErrorCode.CONFLICT, "The index at " + folder + " holds " + entry.getValue()
                                + "-dimensional vectors; this model makes " + dimension + ". Use another folder.");
                    }
                }
            }
            return new LuceneVectorIndex(folder, dimension, tuning, directory, writer);
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new IndexInUseException(folder.getParent() == null ? folder.toString() : folder.getParent().toString(), e);
        } catch (CorruptIndexException | IndexFormatTooOldException | EOFException e) {
            closeQuietly(writer);
            closeQuietly(directory);
            throw new AlexException(ErrorCode.UNAVAILABLE, "The index at " + folder + " is damaged and cannot be opened."
                    + " Nothing was changed: restore it from a backup, or ingest again into a new folder.", e);
        } catch (IndexFormatTooNewException e) {
            closeQuietly(directory);
            throw new AlexException(ErrorCode.CONFLICT, "The index at " + folder + " was written by a newer Alex; update Alex to open it.", e);
        } catch (IOException e) {
            closeQuietly(writer);
            closeQuietly(directory);
            throw new AlexException(ErrorCode.UNAVAILABLE, "The index at " + folder + " cannot be opened: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(writer);
            closeQuietly(directory);
            throw e;
        }
    }

    @Override
    public void upsert(DocumentRecord document, List<ChunkRecord> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk: " + chunks.size() + " chunks, " + vectors.size() + " vectors");
        }
        var block = new ArrayList<Document>(chunks.size() + 1);
        String record = toJson(document);
        String title = readablePeriods(document.title());
        block.add(recordDocument(document, record));
        for (int i = 0; i < chunks.size(); i++) {
            float[] vector = vectors.get(i);
            if (vector.length != dimension) {
                throw new IllegalArgumentException("vector of " + vector.length + " dimensions, expected " + dimension);
            }
            block.add(chunkDocument(document, title, record, chunks.get(i), vector));
        }
        try {
            synchronized (commitLock) {
                writer.updateDocuments(new Term(DOC_ID, document.id()), block);
                commit();
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException | AlreadyClosedException e) {
            throw writeFailure("Could not write to the index at " + folder + ": ", e);
        }
    }

    /**
     * A failed write as a person reads it. A full disk makes Lucene close the writer for good (its
     * "tragic" exception), so every later write fails with "this writer hit an unrecoverable error":
     * both say "disk full", from the cause chain or from the writer's tragic exception.
     */
    private AlexException writeFailure(String prefix, Exception e) {
        if (StorageFullException.isDiskFull(e) || StorageFullException.isDiskFull(writer.getTragicException())) {
            return new StorageFullException(folder.getParent() == null ? folder.toString() : folder.getParent().toString(), e);
        }
        return new AlexException(ErrorCode.UNAVAILABLE, prefix + e.getMessage(), e);
    }

    @Override
    public boolean delete(String documentId) {
        if (document(documentId).isEmpty()) {
            return false;
        }
        try {
            synchronized (commitLock) {
                writer.deleteDocuments(new Term(DOC_ID, documentId));
                commit();
            }
            searchers.maybeRefreshBlocking();
            return true;
        } catch (IOException | AlreadyClosedException e) {
            throw writeFailure("Could not delete from the index: ", e);
        }
    }

    @Override
    public void compact() {
        try {
            synchronized (commitLock) {
                writer.forceMerge(1, true);
                commit();
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException | AlreadyClosedException e) {
            throw writeFailure("Could not compact the index: ", e);
        }
    }

    /** How many segments (each with its own HNSW graph) a search walks now. */
    public int segmentCount() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of(DIMENSION_KEY, Integer.toString(dimension)).entrySet());
        writer.commit();
    }

    @Override
    public Optional<DocumentRecord> document(String documentId) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(both(kind("document"), new TermQuery(new Term(DOC_ID, documentId))), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(fromJson(searcher.storedFields().document(top.scoreDocs[0].doc).get(RECORD)));
        });
    }

    @Override
    public List<ChunkRecord> chunks(String documentId) {
        return withSearcher(searcher -> {
            Query query = both(kind("chunk"), new TermQuery(new Term(DOC_ID, documentId)));
            TopDocs top = searcher.search(query, Math.max(1, searcher.count(query)),
                    new Sort(new SortField(CHUNK_INDEX, SortField.Type.INT)));
            var out = new ArrayList<ChunkRecord>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                out.add(chunkOf(searcher.storedFields().document(hit.doc)));
            }
            return out;
        });
    }

    @Override
    public Optional<EmbeddedChunks> embeddedChunks(String documentId) {
        return withSearcher(searcher -> {
            if (searcher.count(both(kind("document"), new TermQuery(new Term(DOC_ID, documentId)))) == 0) {
                return Optional.empty();
            }
            Query query = both(kind("chunk"), new TermQuery(new Term(DOC_ID, documentId)));
            TopDocs top = searcher.search(query, Math.max(1, searcher.count(query)),
                    new Sort(new SortField(CHUNK_INDEX, SortField.Type.INT)));
            var chunks = new ArrayList<ChunkRecord>(top.scoreDocs.length);
            var vectors = new ArrayList<float[]>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                float[] vector = storedVector(searcher, hit.doc);
                if (vector == null) {
                    return Optional.empty(); // cannot happen for a chunk this index wrote; never guess a vector
                }
                chunks.add(chunkOf(searcher.storedFields().document(hit.doc)));
                vectors.add(vector);
            }
            return Optional.of(new EmbeddedChunks(chunks, vectors));
        });
    }

    @Override
    public List<ScoredChunk> search(IndexQuery query) {
        return withSearcher(searcher -> switch (query.mode()) {
            case SEMANTIC -> semantic(searcher, query, query.topK());
            case KEYWORD -> keyword(searcher, query, query.topK());
            case HYBRID -> hybrid(searcher, query);
        });
    }

    private List<ScoredChunk> semantic(IndexSearcher searcher, IndexQuery query, int k) throws IOException {
        // Ask HNSW for more candidates than needed (better recall at little cost), then, where the graph holds
        // quantised vectors, re-rank those candidates by their exact float vectors.
        int candidates = Math.max(k, tuning.candidates());
        ScoreDoc[] hits;
        if (query.filter().isEmpty()) {
            // Only chunk documents carry a vector, so the search needs no filter at all: an unfiltered HNSW
            // walk is much cheaper than one that first collects the accepted documents of every segment.
            hits = searcher.search(knn(query, candidates, null), k).scoreDocs;
        } else {
            hits = filtered(searcher, query, k, candidates);
        }
        var out = new ArrayList<ScoredChunk>(hits.length);
        for (ScoreDoc hit : hits) {
            // Lucene scores DOT_PRODUCT as (1 + cosine) / 2 for unit vectors: report cosine.
            double cosine = 2.0 * hit.score - 1.0;
            out.add(scored(searcher, hit.doc, cosine, cosine));
        }
        return out;
    }

    /**
     * How a filtered semantic search runs. {@link #AUTO} (always, outside benchmarks) picks one by the
     * filter's measured selectivity; the others force one path so a benchmark can compare them in one run.
     */
    enum FilterPlan {
        /**
         * By selectivity: {@link #EXACT} up to {@link #EXACT_LIMIT} matches; {@link #POST} while it needs at most
         * {@link #MAX_POST} candidates; else {@link #GRAPH}.
         */
        AUTO,
        /** Before 2026-12-02: unfiltered search of {@code candidates}, post-filtered, then {@link #GRAPH} if fewer than k pass. */
        LEGACY,
        /** Every live chunk the filter admits scored by its float vector: exact top k. */
        EXACT,
        /** As {@link #EXACT}, scored through the codec's vector scorer (off-heap, no copy to a float[]) instead of VectorUtil. */
        EXACT_CODEC,
        /**
         * Lucene's filtered HNSW search (which itself turns exact when the filter admits few); below 60% passing,
         * Lucene 10.3 walks the graph ACORN-style ({@code FilteredHnswGraphSearcher}: rejected nodes are
         * expanded through to their neighbours instead of being scored).
         */
        GRAPH,
        /** As {@link #GRAPH}, but the classic filtered walk (every node visited is scored; only accepted ones collected). */
        GRAPH_CLASSIC,
        /**
         * Unfiltered search of {@code max(candidates, POST_MARGIN * k / selectivity)}, post-filtered; {@link #GRAPH}
         * if fewer than k pass.
         */
        POST
    }

    /**
     * Up to this many filter matches, scoring them all is exact and cheaper than a filtered graph walk.
     * One 384-d float vector is read and scored in about 0.1-0.2 us here (200k vectors in 20-35 ms on a
     * loaded 2-core EPYC; see BENCHMARKS.md), so the limit keeps an exact search at a few milliseconds.
     */
    static final int EXACT_LIMIT = 20_000;
    /** A post-filtered search asks for enough candidates that about this many times k of them pass. */
    static final int POST_MARGIN = 3;
    /**
     * The most candidates a post-filtered search may ask for before the filtered graph search is cheaper
     * (with a margin of 3 and k = 10: filters passing from 3% of the chunks up).
     */
    static final int MAX_POST = 1_000;
    /** Forced post-filtering (benchmarks) never asks for more than this many candidates. */
    private static final int POST_CAP = 10_000;

    private volatile FilterPlan forced = FilterPlan.AUTO;

    /** Benchmarks only: forces a filtered-search strategy (AUTO restores the choice by selectivity). */
    void force(FilterPlan plan) {
        forced = Objects.requireNonNull(plan);
    }

    private ScoreDoc[] filtered(IndexSearcher searcher, IndexQuery query, int k, int candidates) throws IOException {
        Query filter = searcher.rewrite(filterQuery(query.filter(), null));
        Weight weight = searcher.createWeight(filter, ScoreMode.COMPLETE_NO_SCORES, 1f);
        FilterPlan plan = forced;
        int post = candidates;
        if (plan == FilterPlan.AUTO || plan == FilterPlan.POST) {
            long vectors = 0;
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                vectors += values == null ? 0 : values.size();
            }
            // Counting past the point where post-filtering needs no more than the usual candidates tells nothing more.
            long enough = Math.max(EXACT_LIMIT + 1, (long) Math.ceil(POST_MARGIN * k * (double) vectors / candidates));
            long matches = matchesUpTo(weight, searcher, EXACT_LIMIT, enough);
            double selectivity = vectors == 0 ? 1.0 : Math.clamp(matches / (double) vectors, 1e-9, 1.0);
            post = (int) Math.min(POST_CAP, Math.max(candidates, Math.ceil(POST_MARGIN * k / selectivity)));
            if (plan == FilterPlan.AUTO) {
                plan = matches <= EXACT_LIMIT ? FilterPlan.EXACT : post <= Math.max(candidates, MAX_POST) ? FilterPlan.POST
                        : FilterPlan.GRAPH;
            }
        }
        return switch (plan) {
            case EXACT -> exact(searcher, weight, query.vector(), k, false);
            case EXACT_CODEC -> exact(searcher, weight, query.vector(), k, true);
            case GRAPH -> searcher.search(knn(query, candidates, filter), k).scoreDocs;
            case GRAPH_CLASSIC -> searcher.search(knn(query, candidates, filter, new KnnSearchStrategy.Hnsw(0)), k).scoreDocs;
            case LEGACY -> postFiltered(searcher, query, weight, filter, k, candidates);
            case POST -> postFiltered(searcher, query, weight, filter, k, post);
            case AUTO -> throw new IllegalStateException("resolved above");
        };
    }

    /**
     * How many documents the filter admits, cheaply: the exact count where a segment knows it (a term's
     * document frequency, a cached filter's count), else the iterator's cost. That cost is close to the count
     * for terms and disjunctions of terms, but not for a conjunction (the cost of its narrowest clause) nor
     * for a prefix (Lucene estimates every document that has the field: a folder holding 11% of the chunks
     * reads as 100%, which sent such searches through too few candidates and then a second, filtered search).
     * For those, above {@code limit}, the matches are counted, stopping at {@code enough}. Deleted documents
     * may be counted: the figure is an upper bound either way.
     */
    private static long matchesUpTo(Weight weight, IndexSearcher searcher, int limit, long enough) throws IOException {
        long total = 0;
        boolean estimated = false;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            int count = weight.count(leaf);
            if (count >= 0) {
                total += count;
            } else {
                var supplier = weight.scorerSupplier(leaf);
                if (supplier != null) {
                    total += supplier.cost();
                    estimated = true;
                }
            }
        }
        Query query = weight.getQuery();
        if (!estimated || total <= limit || !(isConjunction(query) || enumeratesTerms(query))) {
            return total;
        }
        long counted = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator it = scorer.iterator();
            while (it.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                if (++counted >= enough) {
                    return counted;
                }
            }
        }
        return counted;
    }

    private static boolean isConjunction(Query query) {
        return query instanceof BooleanQuery bool && bool.clauses().stream()
                .filter(c -> c.occur() == BooleanClause.Occur.FILTER || c.occur() == BooleanClause.Occur.MUST).count() >= 2;
    }

    /**
     * The exact top {@code k} among the live chunks the filter admits: each one's float vector scored
     * against the query (Lucene's DOT_PRODUCT score, (1 + cosine) / 2, as the graph search reports it).
     * Equal scores keep the lower document id, so the result never depends on the order of evaluation.
     */
    private static ScoreDoc[] exact(IndexSearcher searcher, Weight weight, float[] query, int k, boolean codecScorer)
            throws IOException {
        var best = new java.util.PriorityQueue<ScoreDoc>(k + 1,
                Comparator.<ScoreDoc>comparingDouble(hit -> hit.score).thenComparing(hit -> -hit.doc));
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
            Scorer scorer = values == null ? null : weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator admitted = scorer.iterator();
            VectorScorer codec = codecScorer ? values.scorer(query) : null;
            KnnVectorValues.DocIndexIterator indexed = codec == null ? values.iterator() : null;
            DocIdSetIterator withVector = codec == null ? indexed : codec.iterator();
            int doc = admitted.nextDoc();
            while (doc != DocIdSetIterator.NO_MORE_DOCS) {
                int at = withVector.docID() < doc ? withVector.advance(doc) : withVector.docID();
                if (at == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                if (at > doc) {
                    doc = admitted.advance(at);
                    continue;
                }
                if (live == null || live.get(doc)) {
                    float score = codec != null ? codec.score()
                            : VectorSimilarityFunction.DOT_PRODUCT.compare(query, values.vectorValue(indexed.index()));
                    var hit = new ScoreDoc(leaf.docBase + doc, score);
                    if (best.size() < k) {
                        best.add(hit);
                    } else if (best.comparator().compare(hit, best.peek()) > 0) {
                        best.poll();
                        best.add(hit);
                    }
                }
                doc = admitted.nextDoc();
            }
        }
        ScoreDoc[] out = best.toArray(ScoreDoc[]::new);
        Arrays.sort(out, best.comparator().reversed());
        return out;
    }

    /**
     * An unfiltered search for {@code candidates}, keeping the best {@code k} that pass: if k of them pass,
     * they are the best k that pass. If fewer do, the graph search itself is filtered.
     */
    private ScoreDoc[] postFiltered(IndexSearcher searcher, IndexQuery query, Weight weight, Query filter, int k,
                                    int candidates) throws IOException {
        ScoreDoc[] hits = passing(searcher, weight, searcher.search(knn(query, candidates, null), candidates).scoreDocs, k);
        if (hits.length < k) {
            hits = searcher.search(knn(query, Math.max(k, tuning.candidates()), filter), k).scoreDocs;
        }
        return hits;
    }

    private Query knn(IndexQuery query, int candidates, Query filter) {
        return knn(query, candidates, filter, KnnSearchStrategy.Hnsw.DEFAULT);
    }

    private Query knn(IndexQuery query, int candidates, Query filter, KnnSearchStrategy strategy) {
        Query knn = new KnnFloatVectorQuery(VECTOR, query.vector(), candidates, filter, strategy);
        return tuning.vectors() == Tuning.Vectors.FLOAT32 ? knn
                : RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, query.vector(), VECTOR, candidates);
    }

    /** The best {@code k} of {@code ranked} (best first) that match {@code filter}; checked segment by segment. */
    private static ScoreDoc[] passing(IndexSearcher searcher, Weight weight, ScoreDoc[] ranked, int k) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        ScoreDoc[] byDoc = ranked.clone();
        Arrays.sort(byDoc, Comparator.comparingInt(hit -> hit.doc));
        var matches = new HashSet<Integer>();
        int leafIndex = -1;
        DocIdSetIterator iterator = null;
        for (ScoreDoc hit : byDoc) {
            int leaf = ReaderUtil.subIndex(hit.doc, leaves);
            if (leaf != leafIndex) {
                leafIndex = leaf;
                Scorer scorer = weight.scorer(leaves.get(leaf));
                iterator = scorer == null ? null : scorer.iterator();
            }
            int target = hit.doc - leaves.get(leaf).docBase;
            if (iterator != null) {
                int at = iterator.docID() < target ? iterator.advance(target) : iterator.docID();
                if (at == target) {
                    matches.add(hit.doc);
                }
            }
        }
        return Arrays.stream(ranked).filter(hit -> matches.contains(hit.doc)).limit(k).toArray(ScoreDoc[]::new);
    }

    private List<ScoredChunk> keyword(IndexSearcher searcher, IndexQuery query, int k) throws IOException {
        var builder = new QueryBuilder(analyzer);
        Query passage = builder.createBooleanQuery(TEXT, query.text(), BooleanClause.Occur.SHOULD);
        if (passage == null) {
            return List.of();
        }
        // Title and heading path are searchable too ("Apple risk factors" finds Item 1A of Apple's 10-K, whose
        // passages say "the Company"), weighted below the text.
        Query heading = builder.createBooleanQuery(CONTEXT, query.text(), BooleanClause.Occur.SHOULD);
        Query text = heading == null ? passage : new BooleanQuery.Builder()
                .add(passage, BooleanClause.Occur.SHOULD)
                .add(new BoostQuery(heading, SECTION_BOOST), BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1).build();
        var q = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
                .add(filterQuery(query.filter(), "chunk"), BooleanClause.Occur.FILTER).build();
        TopDocs top = searcher.search(q, k);
        var out = new ArrayList<ScoredChunk>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            // Given a query vector (hybrid search), a keyword hit also gets its cosine, so every fused
            // result carries a relevance that means the same thing.
            double cosine = query.vector() == null ? Double.NaN : cosine(searcher, hit.doc, query.vector());
            out.add(scored(searcher, hit.doc, hit.score, cosine));
        }
        return out;
    }

    /**
     * {@link HybridFusion} of this index's two rankings, each taken {@code max(50, 3k)} deep: HNSW
     * by meaning and BM25 over the passage (its title and section path at half weight).
     */
    private List<ScoredChunk> hybrid(IndexSearcher searcher, IndexQuery query) throws IOException {
        int depth = Math.max(50, query.topK() * 3);
        return HybridFusion.fuse(semantic(searcher, query, depth), keyword(searcher, query, depth), query.topK());
    }

    @Override
    public DocumentPage list(DocumentQuery query) {
        return withSearcher(searcher -> {
            boolean byTitle = query.sort() == DocumentQuery.Sort.TITLE;
            Sort sort = byTitle
                    ? new Sort(new SortField(TITLE_SORT, SortField.Type.STRING), new SortField(ID_SORT, SortField.Type.STRING))
                    : new Sort(new SortField(INGESTED, SortField.Type.LONG, true), new SortField(ID_SORT, SortField.Type.STRING));
            Query filter = filterQuery(query.filter(), "document");
            // One extra hit tells whether another page exists, without a second query.
            int wanted = query.limit() + 1;
            TopDocs top = query.cursor() == null ? searcher.search(filter, wanted, sort, false)
                    : searcher.searchAfter(decodeCursor(query.cursor(), byTitle, searcher), filter, wanted, sort, false);
            int shown = Math.min(query.limit(), top.scoreDocs.length);
            var documents = new ArrayList<DocumentRecord>(shown);
            for (int i = 0; i < shown; i++) {
                documents.add(fromJson(searcher.storedFields().document(top.scoreDocs[i].doc).get(RECORD)));
            }
            String next = top.scoreDocs.length > query.limit()
                    ? encodeCursor((FieldDoc) top.scoreDocs[shown - 1], byTitle) : null;
            return new DocumentPage(documents, next);
        });
    }

    @Override
    public IndexStats stats() {
        return withSearcher(searcher -> new IndexStats(searcher.count(kind("document")), searcher.count(kind("chunk"))));
    }

    @Override
    public Set<SearchMode> supportedModes() {
        return Set.of(SearchMode.HYBRID, SearchMode.SEMANTIC, SearchMode.KEYWORD);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the index at " + folder, e);
        }
    }

    // --- documents and fields -------------------------------------------------------------

    private static Document recordDocument(DocumentRecord d, String record) {
        var doc = new Document();
        doc.add(new StringField(KIND, "document", Field.Store.NO));
        addCommon(doc, d);
        doc.add(new StoredField(RECORD, record));
        doc.add(new NumericDocValuesField(INGESTED, d.ingestedAt().toEpochMilli()));
        doc.add(new SortedDocValuesField(TITLE_SORT, new BytesRef(d.title().toLowerCase(Locale.ROOT))));
        doc.add(new SortedDocValuesField(ID_SORT, new BytesRef(d.id())));
        return doc;
    }

    private Document chunkDocument(DocumentRecord d, String readableTitle, String record, ChunkRecord c, float[] vector) {
        var doc = new Document();
        doc.add(new StringField(KIND, "chunk", Field.Store.NO));
        addCommon(doc, d);
        doc.add(new StoredField(RECORD, record));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new TextField(TEXT, c.text(), Field.Store.YES));
        doc.add(new NumericDocValuesField(CHUNK_INDEX, c.index()));
        doc.add(new StoredField(CHUNK_INDEX, c.index()));
        doc.add(new StoredField(PAGE, c.page()));
        doc.add(new StoredField(START, c.startOffset()));
        doc.add(new StoredField(END, c.endOffset()));
        doc.add(new StoredField(TOKENS, c.tokenCount()));
        if (!c.section().isEmpty()) {
            doc.add(new StoredField(SECTION, c.section()));
        }
        doc.add(new TextField(CONTEXT, readableTitle + "\n" + c.section(), Field.Store.NO));
        return doc;
    }

    private static final java.util.regex.Pattern FISCAL_YEAR = java.util.regex.Pattern.compile("\\bFY ?(\\d{4})\\b");
    private static final java.util.regex.Pattern QUARTER = java.util.regex.Pattern.compile("\\bQ([1-4])\\b");

    /**
     * A title's period abbreviations also as words, for keyword search: "Apple Inc. 10-Q Q3 FY2025"
     * also reads "third quarter fiscal 2025", which is how a question puts it.
     */
    static String readablePeriods(String title) {
        String words = QUARTER.matcher(FISCAL_YEAR.matcher(title).replaceAll("fiscal year $1 $0"))
                .replaceAll(m -> List.of("first", "second", "third", "fourth").get(Integer.parseInt(m.group(1)) - 1)
                        + " quarter $0");
        return words;
    }

    private static void addCommon(Document doc, DocumentRecord d) {
        doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
        doc.add(new StringField(TYPE, d.type().wireName(), Field.Store.NO));
        for (String tag : d.tags()) {
            doc.add(new StringField(TAG, app.alex.core.search.Tags.normalize(tag), Field.Store.NO));
        }
        doc.add(new StringField(SOURCE, d.source(), Field.Store.NO));
        doc.add(new LongPoint(DATE, d.date().toEpochMilli()));
    }

    private static ChunkRecord chunkOf(Document doc) {
        return new ChunkRecord(doc.get(DOC_ID), doc.getField(CHUNK_INDEX).numericValue().intValue(), doc.get(TEXT),
                doc.getField(PAGE).numericValue().intValue(), doc.getField(START).numericValue().intValue(),
                doc.getField(END).numericValue().intValue(), doc.getField(TOKENS).numericValue().intValue(),
                Objects.requireNonNullElse(doc.get(SECTION), ""));
    }

    private ScoredChunk scored(IndexSearcher searcher, int docId, double score, double cosine) throws IOException {
        Document doc = searcher.storedFields().document(docId);
        return new ScoredChunk(score, cosine, fromJson(doc.get(RECORD)), chunkOf(doc));
    }

    /** The exact cosine of a chunk's stored (full-precision) vector with the unit query vector. */
    private static double cosine(IndexSearcher searcher, int docId, float[] query) throws IOException {
        float[] vector = storedVector(searcher, docId);
        return vector == null ? Double.NaN : VectorUtil.dotProduct(query, vector);
    }

    /** A chunk's stored full-precision vector (a copy), or null for a document without one. */
    private static float[] storedVector(IndexSearcher searcher, int docId) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        if (values == null) {
            return null;
        }
        int target = docId - leaf.docBase;
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(target) != target) {
            return null;
        }
        return values.vectorValue(it.index()).clone(); // the reader may reuse its buffer
    }

    /** The filter as a Lucene query; {@code kind} null leaves the kind out (vector searches: only chunks have vectors). */
    static Query filterQuery(SearchFilter filter, String kind) {
        var builder = new BooleanQuery.Builder();
        if (kind != null) {
            builder.add(kind(kind), BooleanClause.Occur.FILTER);
        }
        if (!filter.types().isEmpty()) {
            var any = new BooleanQuery.Builder();
            filter.types().forEach(t -> any.add(new TermQuery(new Term(TYPE, t.wireName())), BooleanClause.Occur.SHOULD));
            builder.add(any.build(), BooleanClause.Occur.FILTER);
        }
        if (!filter.tags().isEmpty()) {
            var any = new BooleanQuery.Builder();
            filter.tags().forEach(t -> any.add(new TermQuery(new Term(TAG, t)), BooleanClause.Occur.SHOULD));
            builder.add(any.build(), BooleanClause.Occur.FILTER);
        }
        if (filter.sourcePrefix() != null) {
            builder.add(new PrefixQuery(new Term(SOURCE, filter.sourcePrefix())), BooleanClause.Occur.FILTER);
        }
        if (filter.since() != null || filter.until() != null) {
            long from = filter.since() == null ? Long.MIN_VALUE : filter.since().toEpochMilli();
            long to = filter.until() == null ? Long.MAX_VALUE : filter.until().toEpochMilli() - 1;
            builder.add(LongPoint.newRangeQuery(DATE, from, to), BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }

    private static Query kind(String kind) {
        return new TermQuery(new Term(KIND, kind));
    }

    private static Query both(Query a, Query b) {
        return new BooleanQuery.Builder().add(a, BooleanClause.Occur.FILTER).add(b, BooleanClause.Occur.FILTER).build();
    }

    private static String encodeCursor(FieldDoc last, boolean byTitle) {
        String first = byTitle ? ((BytesRef) last.fields[0]).utf8ToString() : Long.toString((Long) last.fields[0]);
        String second = ((BytesRef) last.fields[1]).utf8ToString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString((first + "\u0000" + second).getBytes(StandardCharsets.UTF_8));
    }

    /** Sort values are unique (the id breaks ties), so the doc of the "after" marker only has to be valid. */
    private static FieldDoc decodeCursor(String cursor, boolean byTitle, IndexSearcher searcher) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\u0000", 2);
            Object first = byTitle ? new BytesRef(parts[0]) : (Object) Long.parseLong(parts[0]);
            return new FieldDoc(Math.max(0, searcher.getIndexReader().maxDoc() - 1), Float.NaN, new Object[]{first, new BytesRef(parts[1])});
        } catch (RuntimeException e) {
            throw AlexException.badRequest("The cursor is not valid: pass the next_cursor value of the previous page.");
        }
    }

    private static String toJson(DocumentRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new IllegalStateException("a document record is always serialisable", e);
        }
    }

    private static DocumentRecord fromJson(String json) {
        try {
            return JSON.readValue(json, DocumentRecord.class);
        } catch (IOException e) {
            throw new AlexException(ErrorCode.INTERNAL, "A stored document record is damaged.", e);
        }
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Could not read the index at " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing with a clearer error
            }
        }
    }
}
