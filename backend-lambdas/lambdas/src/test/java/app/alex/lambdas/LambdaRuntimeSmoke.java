package app.alex.lambdas;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a child JVM whose classpath is the shaded jar (plus this class): loads a handler by name
 * the way the Lambda runtime does, feeds it an event file and prints the response as one JSON line.
 * Usage: {@code LambdaRuntimeSmoke HANDLER_CLASS EVENT_FILE [HANDLER_CLASS EVENT_FILE]...}
 */
public final class LambdaRuntimeSmoke {
    private LambdaRuntimeSmoke() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        for (int i = 0; i + 1 < args.length; i += 2) {
            var handler = (RequestHandler<APIGatewayProxyRequestEvent, ?>) Class.forName(args[i])
                    .getDeclaredConstructor().newInstance();
            var event = json.readValue(Files.readAllBytes(Path.of(args[i + 1])), APIGatewayProxyRequestEvent.class);
            System.out.println("RESPONSE " + json.writeValueAsString(handler.handleRequest(event, null)));
        }
    }
}
