package app.alex.aws.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small Amazon S3 Vectors that really stores vectors: it speaks the service's REST-JSON
 * protocol (POST /PutVectors, /QueryVectors, /GetVectors, /DeleteVectors, /ListVectors), ranks
 * by cosine distance, evaluates metadata filters ($eq $ne $gt $gte $lt $lte $in $nin $exists
 * $and $or; $eq on a list matches any element, as documented), and is as strict as the service's
 * documented limits:
 * <ul>
 *   <li>a request body of at most 20 MiB;</li>
 *   <li>500 vectors a PutVectors/DeleteVectors, 100 keys a GetVectors, top k 1..100, ListVectors
 *       maxResults 1..1000;</li>
 *   <li>vector keys of 1 to 1024 characters; the index's dimension; on a cosine index no zero
 *       vector, and never NaN or infinity (the query vector included);</li>
 *   <li>per vector: 40 KB of metadata in all, 2 KB of it filterable, at most 50 keys;</li>
 *   <li>filters only on filterable keys;</li>
 *   <li>a ListVectors page ends before its answer would pass 1 MB, with a next token, even when
 *       fewer than maxResults vectors were listed (callers must follow the token).</li>
 * </ul>
 * Refusals are {@code 400 ValidationException} with {@code {"message", "fieldList"}}, as the service
 * sends them; {@link Fault} has the service's 402 quota, 408 timeout, 429 and 503 slow-down answers.
 * Metadata sizes are measured as compact JSON, an upper bound of the service's own count. Each call
 * is applied atomically. Indexes must be created first ({@link #createIndex}); others answer 404.
 */
public final class FakeS3Vectors extends FakeAwsServer {
    public static final int MAX_FILTERABLE_BYTES = 2048;
    public static final int MAX_METADATA_BYTES = 40 * 1024;
    public static final int MAX_METADATA_KEYS = 50;
    public static final int MAX_KEY_LENGTH = 1024;
    public static final int MAX_REQUEST_BYTES = 20 * 1024 * 1024;
    public static final int MAX_LIST_PAGE_BYTES = 1024 * 1024;

    private final Map<String, Index> indexes = new HashMap<>();

    private record Stored(float[] data, ObjectNode metadata) {
    }

    private static final class Index {
        final int dimension;
        final Set<String> nonFilterable;
        final TreeMap<String, Stored> vectors = new TreeMap<>();

        Index(int dimension, Set<String> nonFilterable) {
            this.dimension = dimension;
            this.nonFilterable = nonFilterable;
        }
    }

    /** Thrown inside the fake to answer 400 ValidationException, as the service does. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** The index Terraform creates: 384 dimensions, cosine, "text" non-filterable. */
    public FakeS3Vectors createIndex(String bucket, String index) {
        return createIndex(bucket, index, 384, Set.of("text"));
    }

    public synchronized FakeS3Vectors createIndex(String bucket, String index, int dimension, Set<String> nonFilterableKeys) {
        indexes.put(bucket + "/" + index, new Index(dimension, Set.copyOf(nonFilterableKeys)));
        return this;
    }

    public synchronized List<String> keys(String bucket, String index) {
        return List.copyOf(indexes.get(bucket + "/" + index).vectors.keySet());
    }

    public synchronized JsonNode metadata(String bucket, String index, String key) {
        Stored stored = indexes.get(bucket + "/" + index).vectors.get(key);
        return stored == null ? null : stored.metadata().deepCopy();
    }

    @Override
    protected String operationOf(String method, String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    @Override
    protected synchronized Answer handle(String operation, String path, JsonNode body, byte[] raw) {
        if (raw.length > MAX_REQUEST_BYTES) {
            return validation("The request body has " + raw.length + " bytes; the maximum is " + MAX_REQUEST_BYTES + " (20 MiB)");
        }
        Index index = indexes.get(body.path("vectorBucketName").asText() + "/" + body.path("indexName").asText());
        if (index == null) {
            return Answer.error(404, "NotFoundException", "The specified index could not be found");
        }
        try {
            return switch (operation) {
                case "PutVectors" -> put(index, body);
                case "QueryVectors" -> query(index, body);
                case "GetVectors" -> get(index, body);
                case "DeleteVectors" -> delete(index, body);
                case "ListVectors" -> list(index, body);
                default -> Answer.error(404, "UnknownOperationException", "Unknown operation " + operation);
            };
        } catch (Invalid e) {
            return validation(e.getMessage());
        }
    }

    /** The service's validation error: the message, and the same reason in {@code fieldList}. */
    private static Answer validation(String message) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        body.putArray("fieldList").addObject().put("path", "body").put("message", message);
        return new Answer(400, "ValidationException", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Answer put(Index index, JsonNode body) {
        JsonNode vectors = body.path("vectors");
        if (vectors.isEmpty() || vectors.size() > 500) {
            throw new Invalid("PutVectors takes 1 to 500 vectors, got " + vectors.size());
        }
        var staged = new TreeMap<String, Stored>();
        for (JsonNode vector : vectors) {
            String key = vector.path("key").asText("");
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw new Invalid("Vector keys must have 1 to " + MAX_KEY_LENGTH + " characters, got " + key.length());
            }
            float[] data = cosineReady(floats(vector.path("data").path("float32"), index.dimension), "vector " + key);
            ObjectNode metadata = vector.has("metadata") ? (ObjectNode) vector.get("metadata").deepCopy() : JSON.createObjectNode();
            if (metadata.size() > MAX_METADATA_KEYS) {
                throw new Invalid("Metadata of vector " + key + " has " + metadata.size() + " keys; the maximum is " + MAX_METADATA_KEYS);
            }
            int total = jsonBytes(metadata);
            if (total > MAX_METADATA_BYTES) {
                throw new Invalid("Metadata of vector " + key + " has " + total + " bytes; the maximum is " + MAX_METADATA_BYTES);
            }
            ObjectNode filterable = metadata.deepCopy();
            index.nonFilterable.forEach(filterable::remove);
            if (jsonBytes(filterable) > MAX_FILTERABLE_BYTES) {
                throw new Invalid("Filterable metadata must have at most 2048 bytes");
            }
            staged.put(key, new Stored(data, metadata));
        }
        index.vectors.putAll(staged);
        return Answer.json(Map.of());
    }

    private Answer query(Index index, JsonNode body) {
        int topK = body.path("topK").asInt(0);
        if (topK < 1 || topK > 100) {
            throw new Invalid("topK must be between 1 and 100");
        }
        float[] query = cosineReady(floats(body.path("queryVector").path("float32"), index.dimension), "the query vector");
        JsonNode filter = body.get("filter");
        if (filter != null) {
            checkFilter(filter, index);
        }
        record Hit(String key, double distance, Stored stored) {
        }
        var hits = new ArrayList<Hit>();
        for (Map.Entry<String, Stored> entry : index.vectors.entrySet()) {
            if (filter == null || matches(filter, entry.getValue().metadata())) {
                hits.add(new Hit(entry.getKey(), 1.0 - cosine(query, entry.getValue().data()), entry.getValue()));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::distance).thenComparing(Hit::key));
        ArrayNode out = JSON.createArrayNode();
        for (Hit hit : hits.subList(0, Math.min(topK, hits.size()))) {
            ObjectNode node = out.addObject().put("key", hit.key());
            if (body.path("returnDistance").asBoolean(false)) {
                node.put("distance", (float) hit.distance());
            }
            if (body.path("returnMetadata").asBoolean(false)) {
                node.set("metadata", hit.stored().metadata());
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("vectors", out);
        answer.put("distanceMetric", "cosine");
        return Answer.json(answer);
    }

    private Answer get(Index index, JsonNode body) {
        JsonNode keys = body.path("keys");
        if (keys.isEmpty() || keys.size() > 100) {
            throw new Invalid("GetVectors takes 1 to 100 keys, got " + keys.size());
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode key : keys) {
            Stored stored = index.vectors.get(key.asText());
            if (stored != null) {
                out.add(describe(key.asText(), stored, body));
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("vectors", out);
        return Answer.json(answer);
    }

    private Answer delete(Index index, JsonNode body) {
        JsonNode keys = body.path("keys");
        if (keys.isEmpty() || keys.size() > 500) {
            throw new Invalid("DeleteVectors takes 1 to 500 keys, got " + keys.size());
        }
        keys.forEach(key -> index.vectors.remove(key.asText()));
        return Answer.json(Map.of());
    }

    private Answer list(Index index, JsonNode body) {
        int max = body.path("maxResults").asInt(500);
        if (max < 1 || max > 1000) {
            throw new Invalid("maxResults must be between 1 and 1000");
        }
        String after = body.path("nextToken").asText(null);
        Iterator<Map.Entry<String, Stored>> it = (after == null ? index.vectors : index.vectors.tailMap(after, false))
                .entrySet().iterator();
        ArrayNode out = JSON.createArrayNode();
        String last = null;
        long bytes = 0;
        boolean more = false;
        while (it.hasNext() && out.size() < max) {
            Map.Entry<String, Stored> entry = it.next();
            ObjectNode described = describe(entry.getKey(), entry.getValue(), body);
            long size = jsonBytes(described) + 1;
            if (bytes + size > MAX_LIST_PAGE_BYTES - 1024) {
                // The page is cut by size: this vector starts the next one.
                more = true;
                break;
            }
            out.add(described);
            bytes += size;
            last = entry.getKey();
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("vectors", out);
        if (more || it.hasNext()) {
            answer.put("nextToken", last);
        }
        return Answer.json(answer);
    }

    private static ObjectNode describe(String key, Stored stored, JsonNode body) {
        ObjectNode node = JSON.createObjectNode().put("key", key);
        if (body.path("returnData").asBoolean(false)) {
            ArrayNode data = node.putObject("data").putArray("float32");
            for (float x : stored.data()) {
                data.add(x);
            }
        }
        if (body.path("returnMetadata").asBoolean(false)) {
            node.set("metadata", stored.metadata());
        }
        return node;
    }

    // --- filters ------------------------------------------------------------------------------

    private static void checkFilter(JsonNode filter, Index index) {
        if (!filter.isObject() || filter.isEmpty()) {
            throw new Invalid("A filter must be a non-empty object");
        }
        filter.properties().forEach(entry -> {
            switch (entry.getKey()) {
                case "$and", "$or" -> {
                    if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                        throw new Invalid(entry.getKey() + " takes a non-empty array of filters");
                    }
                    entry.getValue().forEach(f -> checkFilter(f, index));
                }
                default -> {
                    if (entry.getKey().startsWith("$")) {
                        throw new Invalid("Unknown operator " + entry.getKey());
                    }
                    if (index.nonFilterable.contains(entry.getKey())) {
                        throw new Invalid("Metadata key " + entry.getKey() + " is not filterable");
                    }
                }
            }
        });
    }

    static boolean matches(JsonNode filter, JsonNode metadata) {
        for (Map.Entry<String, JsonNode> entry : filter.properties()) {
            boolean ok = switch (entry.getKey()) {
                case "$and" -> all(entry.getValue(), metadata);
                case "$or" -> any(entry.getValue(), metadata);
                default -> condition(metadata.get(entry.getKey()), entry.getValue());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean all(JsonNode filters, JsonNode metadata) {
        for (JsonNode f : filters) {
            if (!matches(f, metadata)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(JsonNode filters, JsonNode metadata) {
        for (JsonNode f : filters) {
            if (matches(f, metadata)) {
                return true;
            }
        }
        return false;
    }

    private static boolean condition(JsonNode value, JsonNode condition) {
        if (!condition.isObject()) {
            return eq(value, condition);
        }
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            JsonNode operand = op.getValue();
            boolean ok = switch (op.getKey()) {
                case "$eq" -> eq(value, operand);
                case "$ne" -> !eq(value, operand);
                case "$gt" -> compare(value, operand, c -> c > 0);
                case "$gte" -> compare(value, operand, c -> c >= 0);
                case "$lt" -> compare(value, operand, c -> c < 0);
                case "$lte" -> compare(value, operand, c -> c <= 0);
                case "$in" -> in(value, operand);
                case "$nin" -> !in(value, operand);
                case "$exists" -> (value != null) == operand.asBoolean();
                default -> throw new Invalid("Unknown operator " + op.getKey());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean eq(JsonNode value, JsonNode operand) {
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (same(element, operand)) {
                    return true;
                }
            }
            return false;
        }
        return same(value, operand);
    }

    private static boolean in(JsonNode value, JsonNode operand) {
        if (!operand.isArray() || operand.isEmpty()) {
            throw new Invalid("$in and $nin take a non-empty array");
        }
        for (JsonNode candidate : operand) {
            if (eq(value, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compare(JsonNode value, JsonNode operand, java.util.function.IntPredicate test) {
        if (!operand.isNumber()) {
            throw new Invalid("Range operators take a number");
        }
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isNumber() && test.test(Double.compare(element.asDouble(), operand.asDouble()))) {
                    return true;
                }
            }
            return false;
        }
        return value.isNumber() && test.test(Double.compare(value.asDouble(), operand.asDouble()));
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b);
    }

    private static float[] floats(JsonNode array, int dimension) {
        if (!array.isArray() || array.size() != dimension) {
            throw new Invalid("Vectors must have " + dimension + " float32 values, got " + array.size());
        }
        float[] out = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            JsonNode value = array.get(i);
            // JSON has no NaN or Infinity: the SDK sends them as the strings "NaN", "Infinity", "-Infinity".
            out[i] = switch (value.isNumber() ? "number" : value.asText()) {
                case "number" -> (float) value.asDouble();
                case "NaN" -> Float.NaN;
                case "Infinity" -> Float.POSITIVE_INFINITY;
                case "-Infinity" -> Float.NEGATIVE_INFINITY;
                default -> throw new Invalid("Vector values must be numbers, got " + value);
            };
        }
        return out;
    }

    /** A cosine index has no use for a vector without a direction, nor for numbers that are not numbers. */
    private static float[] cosineReady(float[] vector, String what) {
        double norm = 0;
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new Invalid("Invalid vector data in " + what + ": values must be finite (no NaN or Infinity)");
            }
            norm += (double) x * x;
        }
        if (norm == 0) {
            throw new Invalid("Invalid vector data in " + what + ": a zero vector has no cosine distance");
        }
        return vector;
    }

    private static int jsonBytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
