package app.alex.aws.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Objects;
import java.util.function.Function;

/**
 * A SageMaker Runtime endpoint serving InvokeEndpoint ({@code POST /endpoints/<name>/invocations})
 * the way the Hugging Face inference container does with {@code HF_TASK=feature-extraction}:
 * it takes {@code {"inputs": [...], "parameters": {...}}} and answers each text's token vectors.
 * The vectors come from a function (for parity tests, the real in-process model); the answer's
 * shape is chosen with {@link Shape}. An unknown endpoint name answers 400 ValidationError, as
 * SageMaker does.
 */
public final class FakeSageMakerEndpoint extends FakeAwsServer {

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

    /** @param tokenVectors one text's token vectors ([CLS] and [SEP] included), unpooled */
    public FakeSageMakerEndpoint(String endpointName, Function<String, float[][]> tokenVectors) {
        this.endpointName = Objects.requireNonNull(endpointName);
        this.tokenVectors = Objects.requireNonNull(tokenVectors);
    }

    public FakeSageMakerEndpoint answering(Shape newShape) {
        this.shape = newShape;
        return this;
    }

    public String endpointName() {
        return endpointName;
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
        return Answer.json(out);
    }

    private static void tokensOf(ArrayNode into, float[][] tokens) {
        for (float[] token : tokens) {
            vectorOf(into.addArray(), token);
        }
    }

    private static void vectorOf(ArrayNode into, float[] vector) {
        for (float x : vector) {
            into.add(x);
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
