package app.alex.researcher;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/** Child-JVM entry for {@link ResearcherJarIT}: the handler loaded by name, as the Lambda runtime does. */
public final class FunctionUrlSmoke {
    private FunctionUrlSmoke() {
    }

    public static void main(String[] args) throws Exception {
        var json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        var handler = (ResearcherHandler) Class.forName("app.alex.researcher.ResearcherHandler").getDeclaredConstructor().newInstance();
        for (String file : args) {
            var event = json.readValue(Files.readAllBytes(Path.of(file)), APIGatewayV2HTTPEvent.class);
            System.out.println("RESPONSE " + json.writeValueAsString(handler.handleRequest(event, null)));
        }
    }
}
