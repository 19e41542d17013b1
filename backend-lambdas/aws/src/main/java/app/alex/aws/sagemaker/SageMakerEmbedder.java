package app.alex.aws.sagemaker;

import app.alex.aws.client.AwsClients;
import app.alex.aws.client.AwsFailures;
import app.alex.aws.client.CallPolicy;
import app.alex.aws.client.ClientSettings;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.embed.Embedder;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.error.RetryLaterException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * all-MiniLM-L6-v2 on a SageMaker serverless endpoint running the Hugging Face inference
 * container with {@code HF_TASK=feature-extraction}, called with InvokeEndpoint only.
 *
 * <p>The container answers with token vectors, not sentence vectors. This class does the
 * sentence-transformers math itself: mean over the token vectors, then L2 normalisation, so its
 * vectors equal {@code MiniLmEmbedder}'s for the same text (the parity test proves it).
 *
 * <h2>Why a plain mean is the masked mean</h2>
 * The container runs the transformers pipeline on the request's list one text at a time (its
 * batch size is 1; we never send one), so each text's answer holds the vectors of its real
 * tokens only, [CLS] and [SEP] included, with no padding: averaging all of them is the mean
 * over the attention mask. The request asks the tokenizer to truncate at 256 word pieces
 * ({@code parameters.tokenize_kwargs}), the window sentence-transformers and the embedded model
 * use. A container that pads a batch would break this; set {@link Options#textsPerRequest} to 1
 * for one text per request, which can never be padded.
 *
 * <h2>Accepted answers</h2>
 * {@code [texts][1][tokens][384]} (what the pipeline returns for a list), {@code [texts][tokens][384]},
 * and already pooled {@code [texts][384]} (for example from a sentence-transformers container);
 * pooled vectors are only normalised.
 *
 * <h2>Batching within 4 MB</h2>
 * A serverless endpoint refuses a request or an answer over 4 MB. Token vectors are big in JSON:
 * 384 numbers of up to {@value #BYTES_PER_NUMBER} characters, about {@value #ANSWER_BYTES_PER_TOKEN}
 * bytes a token at most. So texts are counted in the model's own word pieces (the real MiniLM
 * tokenizer, [CLS] and [SEP] included, at most 256 a text as the container truncates), and a
 * request carries consecutive texts while both its body and the answer it can bring back stay
 * within {@link Options#payloadBudgetBytes}: about 420 word pieces, so one full 256-piece passage
 * and a few short ones. Dense text (CJK, where every character is a piece; tables of numbers)
 * gets its real count, not a guess from its length. At most {@link Options#textsPerRequest} texts go
 * in a request, and up to {@link Options#parallelRequests} requests run at once.
 *
 * <h2>Cold starts</h2>
 * After an idle spell a serverless endpoint loads its model again (tens of seconds, up to
 * minutes) and answers ModelNotReadyException, or nothing in time, meanwhile. The SDK retries
 * those with backoff; past that, this class keeps trying with backoff of up to 5 s until
 * {@link Options#startupWait} after the call began (20 s by default, inside API Gateway's 29 s), and
 * then gives up with a {@link RetryLaterException}: "the cloud embedding model is starting; try
 * again in N s", which the API answers as 503 with {@code Retry-After}.
 */
public final class SageMakerEmbedder implements Embedder {
    public static final String MODEL_ID = "all-MiniLM-L6-v2";
    public static final int DIMENSION = 384;
    /** sentence-transformers' window for this model, [CLS] and [SEP] included. */
    public static final int MAX_SEQUENCE = 256;
    /** The longest JSON a float32-as-double takes, with its comma: "-1.2345678901234567e-05,". */
    static final int BYTES_PER_NUMBER = 24;
    /** One token vector in the answer, brackets included. */
    static final int ANSWER_BYTES_PER_TOKEN = DIMENSION * BYTES_PER_NUMBER + 2;
    /** Texts longer than this are not counted: they are taken to fill the window. */
    private static final int COUNTED_CHARS = 32_768;
    /** Brackets and commas around one text's answer, and the request's fixed part. */
    private static final int ENVELOPE_BYTES = 256;
    private static final String SERVICE = "the embedding model (SageMaker)";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(15);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits; tests pass one that moves a {@code ManualClock} instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param textsPerRequest    at most this many texts in one InvokeEndpoint call
     * @param payloadBudgetBytes a request's body, and the answer it can bring back, stay within this
     *                           (serverless caps both at 4 MB)
     * @param parallelRequests   calls in flight at once (keep at or below the endpoint's max concurrency)
     * @param truncateAt         ask the container to truncate each text at this many word pieces; 0 sends no
     *                           parameters (for containers that pool and truncate on their own)
     * @param startupWait        how long one {@link #embed} keeps retrying an endpoint that is starting
     */
    public record Options(int textsPerRequest, int payloadBudgetBytes, int parallelRequests, int truncateAt,
                          Duration startupWait) {
        public Options {
            if (textsPerRequest < 1 || parallelRequests < 1 || truncateAt < 0) {
                throw new IllegalArgumentException("SageMakerEmbedder options must be positive");
            }
            if (payloadBudgetBytes < MAX_SEQUENCE * ANSWER_BYTES_PER_TOKEN + ENVELOPE_BYTES) {
                throw new IllegalArgumentException("the payload budget must hold at least one 256-piece answer");
            }
            Objects.requireNonNull(startupWait, "startupWait");
        }

        public static Options defaults() {
            return new Options(16, 3_900_000, 4, MAX_SEQUENCE, Duration.ofSeconds(20));
        }

        public Options withStartupWait(Duration wait) {
            return new Options(textsPerRequest, payloadBudgetBytes, parallelRequests, truncateAt, wait);
        }
    }

    private final SageMakerRuntimeClient client;
    private final String endpointName;
    private final Options options;
    private final Tokenizer tokenizer;
    private final InstantSource clock;
    private final Sleeper sleeper;

    /** Uses {@code client} as given (tests point it at a local fake). The embedder owns it: {@link #close} closes it. */
    public SageMakerEmbedder(SageMakerRuntimeClient client, String endpointName, Tokenizer tokenizer) {
        this(client, endpointName, tokenizer, Options.defaults(), InstantSource.system(), d -> Thread.sleep(d));
    }

    public SageMakerEmbedder(SageMakerRuntimeClient client, String endpointName, Tokenizer tokenizer, Options options,
                             InstantSource clock, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        if (endpointName == null || endpointName.isBlank()) {
            throw new IllegalArgumentException("a SageMaker endpoint name is required");
        }
        this.endpointName = endpointName;
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A client for {@code region} with the default retry and timeout policy; makes no network call. */
    public static SageMakerEmbedder create(String region, String endpointName, Tokenizer tokenizer) {
        return create(ClientSettings.of(region, CallPolicy.sageMakerDefaults()), endpointName, tokenizer);
    }

    public static SageMakerEmbedder create(ClientSettings settings, String endpointName, Tokenizer tokenizer) {
        return new SageMakerEmbedder(AwsClients.sageMakerRuntime(settings), endpointName, tokenizer);
    }

    /** From the Lambda environment: {@code AWS_REGION} (set by Lambda) and {@code ALEX_EMBEDDINGS_ENDPOINT} (Terraform). */
    public static SageMakerEmbedder fromEnvironment(Map<String, String> env, Tokenizer tokenizer) {
        return create(required(env, "AWS_REGION"), required(env, "ALEX_EMBEDDINGS_ENDPOINT"), tokenizer);
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
        if (texts.isEmpty()) {
            return List.of();
        }
        List<List<String>> batches = batches(texts);
        Instant deadline = clock.instant().plus(options.startupWait());
        var out = new ArrayList<float[]>(texts.size());
        if (batches.size() == 1 || options.parallelRequests() == 1) {
            for (List<String> batch : batches) {
                out.addAll(invoke(batch, deadline));
            }
            return out;
        }
        // Requests wait on the network: virtual threads, at most parallelRequests at a time.
        var permits = new java.util.concurrent.Semaphore(options.parallelRequests());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<List<float[]>>>(batches.size());
            for (List<String> batch : batches) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return invoke(batch, deadline);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<List<float[]>> future : futures) {
                out.addAll(future.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AlexException(ErrorCode.INTERNAL, "Embedding failed.", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlexException(ErrorCode.UNAVAILABLE, "Embedding was interrupted.", e);
        }
    }

    /** Consecutive texts, within the count and payload budgets; order is kept. */
    List<List<String>> batches(List<String> texts) {
        var batches = new ArrayList<List<String>>();
        var current = new ArrayList<String>();
        long request = ENVELOPE_BYTES;
        long answer = ENVELOPE_BYTES;
        for (String text : texts) {
            long textRequest = jsonBytes(text) + 1;
            if (textRequest + ENVELOPE_BYTES > options.payloadBudgetBytes()) {
                throw AlexException.badRequest("A text of " + textRequest + " bytes is too large to send to the cloud"
                        + " embedding model (SageMaker serverless takes 4 MB a request): split it into smaller passages.");
            }
            long textAnswer = (long) answerTokens(text) * ANSWER_BYTES_PER_TOKEN + 8;
            if (!current.isEmpty() && (current.size() == options.textsPerRequest()
                    || request + textRequest > options.payloadBudgetBytes()
                    || answer + textAnswer > options.payloadBudgetBytes())) {
                batches.add(current);
                current = new ArrayList<>();
                request = ENVELOPE_BYTES;
                answer = ENVELOPE_BYTES;
            }
            current.add(text);
            request += textRequest;
            answer += textAnswer;
        }
        batches.add(current);
        return batches;
    }

    /** Token vectors the container sends back for {@code text}: its word pieces plus [CLS] and [SEP], truncated. */
    int answerTokens(String text) {
        int window = options.truncateAt() > 0 ? options.truncateAt() : MAX_SEQUENCE;
        if (text.length() <= COUNTED_CHARS) {
            return Math.min(window, tokenizer.tokenize(text).size() + 2);
        }
        // The container reads only the first 256 pieces; a text this long is assumed to fill them
        // (counting it whole would tokenize megabytes for one number).
        return window;
    }

    private static long jsonBytes(String text) {
        try {
            return JSON.writeValueAsBytes(text).length;
        } catch (IOException e) {
            throw new IllegalStateException("a string is always serialisable", e);
        }
    }

    /**
     * One request, retried while the endpoint is starting (ModelNotReady, or no answer in time)
     * until {@code deadline}; each retry's time is cut to what is left.
     */
    private List<float[]> invoke(List<String> texts, Instant deadline) {
        byte[] body = requestBody(texts);
        String action = "embedding " + texts.size() + (texts.size() == 1 ? " text" : " texts");
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            // The first try has the client's own timeouts; tries after "starting" only what is left.
            Duration left = Duration.between(clock.instant(), deadline);
            Duration retryTimeout = left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
            boolean retry = attempt > 1;
            try {
                byte[] answer = client.invokeEndpoint(r -> {
                    r.endpointName(endpointName).contentType("application/json").accept("application/json")
                            .body(SdkBytes.fromByteArray(body));
                    if (retry) {
                        r.overrideConfiguration(o -> o.apiCallTimeout(retryTimeout));
                    }
                }).body().asByteArray();
                return sentenceVectors(answer, texts.size());
            } catch (SdkException e) {
                if (!starting(e)) {
                    throw AwsFailures.translate(SERVICE, action, e);
                }
                left = Duration.between(clock.instant(), deadline);
                if (left.compareTo(pause) <= 0) {
                    throw new RetryLaterException("The cloud embedding model is starting (it was idle and is loading"
                            + " again); try again in " + RETRY_AFTER.toSeconds() + " s.", RETRY_AFTER, e);
                }
                pauseFor(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** What a cold serverless endpoint answers: not ready, or nothing in time. */
    private static boolean starting(SdkException e) {
        return e instanceof ModelNotReadyException
                || e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException
                || AwsFailures.isTimeout(e);
    }

    private void pauseFor(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlexException(ErrorCode.UNAVAILABLE, "Embedding was interrupted.", e);
        }
    }

    private byte[] requestBody(List<String> texts) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        texts.forEach(inputs::add);
        if (options.truncateAt() > 0) {
            root.putObject("parameters").putObject("tokenize_kwargs")
                    .put("truncation", true).put("max_length", options.truncateAt());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a list of strings is always serialisable", e);
        }
    }

    /** One unit vector per text from any of the accepted answer shapes. */
    static List<float[]> sentenceVectors(byte[] answer, int expected) {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (IOException e) {
            throw badAnswer("it is not JSON");
        }
        if (root == null || !root.isArray() || root.size() != expected) {
            throw badAnswer("expected a list of " + expected + " results");
        }
        var out = new ArrayList<float[]>(expected);
        for (JsonNode item : root) {
            out.add(normalize(switch (depth(item)) {
                case 1 -> vector(item);                       // [384]: already pooled
                case 2 -> meanOf(item);                       // [tokens][384]
                case 3 -> {                                   // [1][tokens][384]: the pipeline's own batch of one
                    if (item.size() != 1) {
                        throw badAnswer("expected one sequence per text, got " + item.size());
                    }
                    yield meanOf(item.get(0));
                }
                default -> throw badAnswer("unexpected nesting of the vectors");
            }));
        }
        return out;
    }

    private static int depth(JsonNode node) {
        int depth = 0;
        while (node != null && node.isArray()) {
            depth++;
            node = node.size() == 0 ? null : node.get(0);
        }
        return node != null && node.isNumber() ? depth : -1;
    }

    private static float[] meanOf(JsonNode tokens) {
        if (tokens.isEmpty()) {
            throw badAnswer("a text came back with no token vectors");
        }
        double[] sum = new double[DIMENSION];
        for (JsonNode token : tokens) {
            float[] v = vector(token);
            for (int d = 0; d < DIMENSION; d++) {
                sum[d] += v[d];
            }
        }
        float[] mean = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            mean[d] = (float) (sum[d] / tokens.size());
        }
        return mean;
    }

    private static float[] vector(JsonNode node) {
        if (node.size() != DIMENSION) {
            throw badAnswer("vectors of " + node.size() + " numbers, expected " + DIMENSION
                    + " (is the endpoint serving all-MiniLM-L6-v2?)");
        }
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) node.get(d).asDouble();
        }
        return v;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = Arrays.copyOf(v, v.length);
        for (int d = 0; d < out.length; d++) {
            out[d] = (float) (v[d] / norm);
        }
        return out;
    }

    private static AlexException badAnswer(String why) {
        return new AlexException(ErrorCode.INTERNAL, "The embedding model (SageMaker) gave an answer this backend"
                + " cannot read: " + why + ". Check that the endpoint runs the feature-extraction task.");
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new AlexException(ErrorCode.INTERNAL, "The backend is not configured: the environment variable "
                    + name + " is not set.");
        }
        return value;
    }

    @Override
    public void close() {
        client.close();
    }
}
