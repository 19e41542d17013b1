package app.alex.aws.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Function;

/**
 * A SageMaker serverless endpoint serving InvokeEndpoint ({@code POST /endpoints/<name>/invocations})
 * the way the Hugging Face inference container does with {@code HF_TASK=feature-extraction}:
 * it takes {@code {"inputs": [...], "parameters": {...}}} and answers each text's token vectors.
 * The vectors come from a function (for parity tests, the real in-process model); the answer's
 * shape is chosen with {@link Shape}. Numbers are written as the container's Python writes them
 * (float32 widened to double: about 20 characters each, so ~8 KB of JSON a token).
 *
 * <p>As strict as a serverless endpoint:
 * <ul>
 *   <li>an unknown endpoint name answers 400 ValidationError;</li>
 *   <li>a request body over {@link #MAX_PAYLOAD_BYTES} answers 400 ValidationError, and so does an
 *       answer that would pass it (serverless caps request and response at 4 MB; the cap here is
 *       4,000,000 bytes, the stricter reading of "4 MB");</li>
 *   <li>{@link #coldStarts}: after an idle spell the endpoint needs a while to start; until then it
 *       answers 429 ModelNotReadyException, on a {@link ManualClock} so no test waits.</li>
 * </ul>
 */
public final class FakeSageMakerEndpoint extends FakeAwsServer {
    public static final int MAX_PAYLOAD_BYTES = 4_000_000;

    public enum Shape {
        /** {@code [texts][1][tokens][dim]}: what the transformers pipeline returns for a list of texts. */
        PIPELINE,
        /** {@code [texts][tokens][dim]}. */
        TOKENS,
        /** {@code [texts][dim]}: the mean of the token vectors, as a pooling container would answer. */
        POOLED
    }

    private final String endpointName;
    private final Function<String, float[][]> tokenVectors;
    private volatile Shape shape = Shape.PIPELINE;
    private int largestRequest;
    private int largestAnswer;

    // cold starts (null clock: always warm)
    private InstantSource clock;
    private Duration startup;
    private Duration idleAfter;
    private Instant warmAt;
    private Instant lastServed;
    private int coldStarts;

    /** @param tokenVectors one text's token vectors ([CLS] and [SEP] included), unpooled */
    public FakeSageMakerEndpoint(String endpointName, Function<String, float[][]> tokenVectors) {
        this.endpointName = Objects.requireNonNull(endpointName);
        this.tokenVectors = Objects.requireNonNull(tokenVectors);
    }

    public FakeSageMakerEndpoint answering(Shape newShape) {
        this.shape = newShape;
        return this;
    }

    /**
     * Starts cold: the first request (and the first after {@code idleAfter} without any) starts the
     * model, which is ready {@code startup} later on {@code clock}; requests before then answer
     * ModelNotReadyException.
     */
    public synchronized FakeSageMakerEndpoint coldStarts(InstantSource clock, Duration startup, Duration idleAfter) {
        this.clock = clock;
        this.startup = startup;
        this.idleAfter = idleAfter;
        this.warmAt = null;
        this.lastServed = null;
        return this;
    }

    public String endpointName() {
        return endpointName;
    }

    /** The largest request body and answer seen so far, in bytes. */
    public synchronized int largestRequest() {
        return largestRequest;
    }

    public synchronized int largestAnswer() {
        return largestAnswer;
    }

    public synchronized int coldStartCount() {
        return coldStarts;
    }

    @Override
    protected String operationOf(String method, String path) {
        return path.endsWith("/invocations") ? "InvokeEndpoint" : path;
    }

    @Override
    protected Answer handle(String operation, String path, JsonNode body, byte[] raw) {
        if (!path.equals("/endpoints/" + endpointName + "/invocations")) {
            return Answer.error(400, "ValidationError", "Endpoint " + path.replaceAll("^/endpoints/|/invocations$", "")
                    + " of account 123456789012 not found.");
        }
        synchronized (this) {
            largestRequest = Math.max(largestRequest, raw.length);
        }
        if (raw.length > MAX_PAYLOAD_BYTES) {
            return Answer.error(400, "ValidationError", "1 validation error detected: Value at 'body' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + MAX_PAYLOAD_BYTES);
        }
        Answer notReady = coldStartAnswer();
        if (notReady != null) {
            return notReady;
        }
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray() || inputs.isEmpty()) {
            return Answer.error(424, "ModelError", "Received client error (400) from primary with message"
                    + " \"inputs must be a non-empty list\".");
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode input : inputs) {
            float[][] tokens = tokenVectors.apply(input.asText());
            switch (shape) {
                case PIPELINE -> tokensOf(out.addArray().addArray(), tokens);
                case TOKENS -> tokensOf(out.addArray(), tokens);
                case POOLED -> vectorOf(out.addArray(), mean(tokens));
            }
        }
        byte[] answer;
        try {
            answer = JSON.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            largestAnswer = Math.max(largestAnswer, answer.length);
        }
        if (answer.length > MAX_PAYLOAD_BYTES) {
            return Answer.error(400, "ValidationError", "Response payload size of " + answer.length
                    + " bytes exceeds the maximum of " + MAX_PAYLOAD_BYTES + " bytes for serverless endpoints.");
        }
        return new Answer(200, null, answer);
    }

    private synchronized Answer coldStartAnswer() {
        if (clock == null) {
            return null;
        }
        Instant now = clock.instant();
        boolean scaledToZero = lastServed != null && !now.isBefore(warmAt)
                && Duration.between(lastServed, now).compareTo(idleAfter) > 0;
        if (warmAt == null || scaledToZero) {
            // This request starts the model; it is ready `startup` later.
            warmAt = now.plus(startup);
            lastServed = null;
            coldStarts++;
        }
        if (now.isBefore(warmAt)) {
            return Answer.error(429, "ModelNotReadyException", "Either a serverless endpoint variant's resources are"
                    + " still being provisioned, or a multi-model endpoint is still downloading or loading the target"
                    + " model. Wait and try your request again.");
        }
        lastServed = now;
        return null;
    }

    private static void tokensOf(ArrayNode into, float[][] tokens) {
        for (float[] token : tokens) {
            vectorOf(into.addArray(), token);
        }
    }

    /** float32 widened to double, as Python's json writes numpy's float32 values after tolist(). */
    private static void vectorOf(ArrayNode into, float[] vector) {
        for (float x : vector) {
            into.add((double) x);
        }
    }

    private static float[] mean(float[][] tokens) {
        float[] out = new float[tokens[0].length];
        for (float[] token : tokens) {
            for (int d = 0; d < out.length; d++) {
                out[d] += token[d] / tokens.length;
            }
        }
        return out;
    }
}
