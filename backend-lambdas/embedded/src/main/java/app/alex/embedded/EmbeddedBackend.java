package app.alex.embedded;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.backend.ServiceKnowledgeBase;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.embed.Embedder;
import app.alex.core.extract.FileExtractor;
import app.alex.core.extract.TextExtractor;
import app.alex.core.index.VectorIndex;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.lucene.LuceneVectorIndex;
import app.alex.minilm.Int8Check;
import app.alex.minilm.MiniLmEmbedder;
import app.alex.minilm.MiniLmTokenizer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole backend on one machine: a knowledge base folder, the bundled MiniLM model and the
 * Lucene index, wired into the same use cases the cloud runs. Nothing to configure, no network.
 *
 * <p>Open one per process and data folder; a second process on the same folder gets a clear
 * "in use by another process" error.
 */
public final class EmbeddedBackend implements AutoCloseable {
    public static final String MODEL_ID = "all-MiniLM-L6-v2";
    public static final int DIMENSION = 384;
    /** fp32 (default, the reference numbers) or int8 (faster; see MiniLmEmbedder.Precision). */
    public static final String PRECISION_ENV = "ALEX_EMBEDDING_PRECISION";

    private final KnowledgeBaseFolder folder;
    private final Embedder embedder;
    private final VectorIndex index;
    private final IngestService ingest;
    private final SearchService search;
    private final LibraryService library;
    private final ServiceKnowledgeBase knowledgeBase;

    private EmbeddedBackend(KnowledgeBaseFolder folder, Embedder embedder, Tokenizer tokenizer, VectorIndex index,
                            TextExtractor extractor, Clock clock) {
        this.folder = folder;
        this.embedder = embedder;
        this.index = index;
        this.ingest = new IngestService(extractor, new SentenceChunker(tokenizer), embedder, index, clock);
        this.search = new SearchService(embedder, index);
        this.library = new LibraryService(index);
        this.knowledgeBase = new ServiceKnowledgeBase(ingest, search, library);
    }

    /**
     * Opens (or creates) the knowledge base in {@code dataDir} with the bundled model in the precision
     * {@code ALEX_EMBEDDING_PRECISION} names (fp32 when unset); the model loads on first use.
     */
    public static EmbeddedBackend open(Path dataDir) {
        return open(dataDir, configuredPrecision());
    }

    private static MiniLmEmbedder.Precision configuredPrecision() {
        return precision(System.getenv());
    }

    /** The precision {@value #PRECISION_ENV} asks for in these environment variables; fp32 when unset. */
    public static MiniLmEmbedder.Precision precision(Map<String, String> env) {
        return MiniLmEmbedder.Precision.parse(env.get(PRECISION_ENV));
    }

    /**
     * How int8 fared on this CPU, once a knowledge base asked for int8 in this process: the verdict of the
     * scheme in use, or of the last one measured when none held; else empty.
     */
    public static java.util.Optional<Int8Check.Verdict> int8Verdict() {
        return java.util.Optional.ofNullable(SharedModel.int8Verdict);
    }

    /** As {@link #open(Path)} with the model in the given precision (the desktop's setting). */
    public static EmbeddedBackend open(Path dataDir, MiniLmEmbedder.Precision precision) {
        SharedModel.lastOpened = precision;
        return open(dataDir, new LazyEmbedder(MODEL_ID, DIMENSION, () -> SharedModel.embedder(precision)),
                SharedModel::tokenizer);
    }

    /** Opens with a given embedder and tokenizer (tests, benchmarks). */
    public static EmbeddedBackend open(Path dataDir, Embedder embedder, Supplier<? extends Tokenizer> tokenizer) {
        KnowledgeBaseFolder folder = KnowledgeBaseFolder.openOrCreate(dataDir, embedder.modelId(), embedder.dimension());
        VectorIndex index = LuceneVectorIndex.open(folder.indexDir(), embedder.dimension());
        try {
            return new EmbeddedBackend(folder, embedder, new LazyTokenizer(tokenizer), index, new FileExtractor(),
                    Clock.systemUTC());
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    public Path dataDir() {
        return folder.root();
    }

    public KnowledgeBaseFolder folder() {
        return folder;
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public IngestService ingest() {
        return ingest;
    }

    public SearchService search() {
        return search;
    }

    public LibraryService library() {
        return library;
    }

    /** The process's shared MiniLM (loaded on first use), for callers that embed outside a knowledge base. */
    public static Embedder sharedEmbedder() {
        var opened = SharedModel.lastOpened;
        return SharedModel.embedder(opened != null ? opened : configuredPrecision());
    }

    public Embedder embedder() {
        return embedder;
    }

    public VectorIndex index() {
        return index;
    }

    @Override
    public void close() {
        try {
            index.close();
        } finally {
            embedder.close();
        }
    }

    /**
     * One model per process: the ONNX session is thread-safe and costs ~100 MB and a second to
     * load, so reopening a knowledge base (tests, the desktop switching folders) reuses it.
     */
    private static final class SharedModel {
        private static final Map<MiniLmEmbedder.Precision, MiniLmEmbedder> embedders = new EnumMap<>(MiniLmEmbedder.Precision.class);
        private static volatile MiniLmTokenizer tokenizer;
        /** The precision of the knowledge base opened last: what {@link #sharedEmbedder()} embeds with. */
        static volatile MiniLmEmbedder.Precision lastOpened;

        /** The int8 check's outcome on this machine, once int8 has been asked for. */
        static volatile Int8Check.Verdict int8Verdict;

        static synchronized Embedder embedder(MiniLmEmbedder.Precision precision) {
            // fp32 or int8 (ALEX_EMBEDDING_PRECISION, the desktop's setting): int8 is about twice as fast, vectors
            // within cosine 0.99 of fp32 where this CPU's int8 kernels allow it. Each loads once per process,
            // when first asked for.
            MiniLmEmbedder loaded = embedders.get(precision);
            if (loaded == null) {
                loaded = precision == MiniLmEmbedder.Precision.INT8 ? checkedInt8() : fp32();
                embedders.put(precision, loaded);
            }
            return new Unclosable(loaded);
        }

        private static MiniLmEmbedder fp32() {
            return embedders.computeIfAbsent(MiniLmEmbedder.Precision.FP32,
                    p -> MiniLmEmbedder.load(p, MiniLmEmbedder.Options.defaults()));
        }

        /**
         * The int8 model if it holds cosine 0.99 of fp32 on this CPU (measured now, see {@link Int8Check}):
         * signed weights first (the fastest with VNNI), then unsigned ones (which cannot saturate on
         * AVX2), else the fp32 model, with one line saying why: correctness never rests on the kind of CPU.
         */
        private static MiniLmEmbedder checkedInt8() {
            boolean fp32WasLoaded = embedders.containsKey(MiniLmEmbedder.Precision.FP32);
            MiniLmEmbedder exact = fp32();
            Int8Check.Choice<MiniLmEmbedder> choice = Int8Check.choose(exact, Int8Check.SCHEMES,
                    scheme -> MiniLmEmbedder.load(scheme, MiniLmEmbedder.Options.defaults()));
            int8Verdict = choice.verdicts().getLast();
            if (!choice.int8()) {
                System.err.println("alex: " + String.join("; ", choice.verdicts().stream().map(Int8Check.Verdict::describe)
                        .toList()) + "; embedding with fp32 instead.");
                return exact;
            }
            if (!fp32WasLoaded) {
                embedders.remove(MiniLmEmbedder.Precision.FP32).close(); // only the check needed it
            }
            return choice.embedder();
        }

        static synchronized Tokenizer tokenizer() {
            if (tokenizer == null) {
                tokenizer = MiniLmTokenizer.load();
            }
            return tokenizer;
        }
    }

    /** The shared model outlives any one backend. */
    private record Unclosable(Embedder delegate) implements Embedder {
        @Override
        public String modelId() {
            return delegate.modelId();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public java.util.List<float[]> embed(java.util.List<String> texts) {
            return delegate.embed(texts);
        }

        @Override
        public void close() {
        }
    }

    /** Loads the tokenizer on first use, like the embedder. */
    private static final class LazyTokenizer implements Tokenizer {
        private final Supplier<? extends Tokenizer> loader;
        private volatile Tokenizer loaded;

        LazyTokenizer(Supplier<? extends Tokenizer> loader) {
            this.loader = loader;
        }

        private Tokenizer delegate() {
            Tokenizer current = loaded;
            if (current == null) {
                synchronized (this) {
                    if (loaded == null) {
                        loaded = loader.get();
                    }
                    current = loaded;
                }
            }
            return current;
        }

        @Override
        public java.util.List<TokenSpan> tokenize(String text) {
            return delegate().tokenize(text);
        }

        @Override
        public int maxContentTokens() {
            return 254;
        }
    }
}
