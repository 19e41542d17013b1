package app.alex.aws.fakes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One request a fake received, as the SDK sent it.
 *
 * @param operation the operation (S3 Vectors: the path's name, e.g. "PutVectors"; SageMaker: "InvokeEndpoint")
 * @param path      the request path
 * @param headers   request headers, names lower case
 * @param body      the body as JSON, or null when it was not JSON
 */
public record RecordedCall(String operation, String path, Map<String, List<String>> headers, JsonNode body) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
