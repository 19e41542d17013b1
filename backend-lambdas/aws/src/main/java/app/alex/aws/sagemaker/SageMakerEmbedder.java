package app.alex.aws.sagemaker;

import app.alex.aws.client.AwsClients;
import app.alex.aws.client.AwsFailures;
import app.alex.aws.client.CallPolicy;
import app.alex.aws.client.ClientSettings;
import app.alex.core.embed.Embedder;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * all-MiniLM-L6-v2 on a SageMaker endpoint running the Hugging Face inference container with
 * {@code HF_TASK=feature-extraction}, called with InvokeEndpoint only.
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
 * <h2>Batching</h2>
 * Token vectors are big in JSON (~8 KB a token) and an InvokeEndpoint answer is capped at 6 MB,
 * so by default a request carries at most 16 texts and about 320 word pieces (~2.6 MB of
 * answer); in general it carries at most {@link Options#textsPerRequest} texts and about
 * {@link Options#tokensPerRequest} estimated word pieces (characters / 3, at most 256 a text);
 * up to {@link Options#parallelRequests} requests run at once.
 */
public final class SageMakerEmbedder implements Embedder {
    public static final String MODEL_ID = "all-MiniLM-L6-v2";
    public static final int DIMENSION = 384;
    /** sentence-transformers' window for this model, [CLS] and [SEP] included. */
    public static final int MAX_SEQUENCE = 256;
    private static final String SERVICE = "the embedding model (SageMaker)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param textsPerRequest  at most this many texts in one InvokeEndpoint call
     * @param tokensPerRequest at most about this many word pieces in one call (estimated from length)
     * @param parallelRequests calls in flight at once (keep at or below the endpoint's max concurrency)
     * @param truncateAt       ask the container to truncate each text at this many word pieces; 0 sends no
     *                         parameters (for containers that pool and truncate on their own)
     */
    public record Options(int textsPerRequest, int tokensPerRequest, int parallelRequests, int truncateAt) {
        public Options {
            if (textsPerRequest < 1 || tokensPerRequest < 1 || parallelRequests < 1 || truncateAt < 0) {
                throw new IllegalArgumentException("SageMakerEmbedder options must be positive");
            }
        }

        public static Options defaults() {
            return new Options(16, 320, 4, MAX_SEQUENCE);
        }
    }

    private final SageMakerRuntimeClient client;
    private final String endpointName;
    private final Options options;

    /** Uses {@code client} as given (tests point it at a local fake). The embedder owns it: {@link #close} closes it. */
    public SageMakerEmbedder(SageMakerRuntimeClient client, String endpointName) {
        this(client, endpointName, Options.defaults());
    }

    public SageMakerEmbedder(SageMakerRuntimeClient client, String endpointName, Options options) {
        this.client = Objects.requireNonNull(client, "client");
        if (endpointName == null || endpointName.isBlank()) {
            throw new IllegalArgumentException("a SageMaker endpoint name is required");
        }
        this.endpointName = endpointName;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A client for {@code region} with the default retry and timeout policy; makes no network call. */
    public static SageMakerEmbedder create(String region, String endpointName) {
        return create(ClientSettings.of(region, CallPolicy.sageMakerDefaults()), endpointName);
    }

    public static SageMakerEmbedder create(ClientSettings settings, String endpointName) {
        return new SageMakerEmbedder(AwsClients.sageMakerRuntime(settings), endpointName);
    }

    /** From the Lambda environment: {@code AWS_REGION} (set by Lambda) and {@code ALEX_EMBEDDINGS_ENDPOINT} (Terraform). */
    public static SageMakerEmbedder fromEnvironment(Map<String, String> env) {
        return create(required(env, "AWS_REGION"), required(env, "ALEX_EMBEDDINGS_ENDPOINT"));
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
        var out = new ArrayList<float[]>(texts.size());
        if (batches.size() == 1 || options.parallelRequests() == 1) {
            for (List<String> batch : batches) {
                out.addAll(invoke(batch));
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
                        return invoke(batch);
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

    /** Consecutive texts, within the count and estimated-token budgets; order is kept. */
    List<List<String>> batches(List<String> texts) {
        var batches = new ArrayList<List<String>>();
        var current = new ArrayList<String>();
        int tokens = 0;
        for (String text : texts) {
            int estimate = estimatedTokens(text);
            if (!current.isEmpty() && (current.size() == options.textsPerRequest() || tokens + estimate > options.tokensPerRequest())) {
                batches.add(current);
                current = new ArrayList<>();
                tokens = 0;
            }
            current.add(text);
            tokens += estimate;
        }
        batches.add(current);
        return batches;
    }

    /** Word pieces are rarely shorter than 3 characters on average; [CLS] and [SEP] add 2. */
    private static int estimatedTokens(String text) {
        return Math.min(MAX_SEQUENCE, text.length() / 3 + 2);
    }

    private List<float[]> invoke(List<String> texts) {
        byte[] body = requestBody(texts);
        byte[] answer;
        try {
            answer = client.invokeEndpoint(r -> r.endpointName(endpointName)
                    .contentType("application/json").accept("application/json")
                    .body(SdkBytes.fromByteArray(body))).body().asByteArray();
        } catch (SdkException e) {
            throw AwsFailures.translate(SERVICE, "embedding " + texts.size() + (texts.size() == 1 ? " text" : " texts"), e);
        }
        return sentenceVectors(answer, texts.size());
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
