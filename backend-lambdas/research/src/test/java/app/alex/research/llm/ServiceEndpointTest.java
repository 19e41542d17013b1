package app.alex.research.llm;

import app.alex.core.error.AlexException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceEndpointTest {

    @Test
    void theServiceSpecificVariableWinsOverTheGlobalOne() {
        var env = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:9000");
        assertThat(ServiceEndpoint.fromEnvironment(env, "BEDROCK_RUNTIME")).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void theGlobalVariableServesEveryServiceWithoutItsOwn() {
        var env = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_S3VECTORS", "http://127.0.0.1:9000");
        assertThat(ServiceEndpoint.fromEnvironment(env, "BEDROCK_RUNTIME")).isEqualTo(URI.create("http://127.0.0.1:4566"));
    }

    @Test
    void noVariableMeansTheServicesOwnEndpointAndTheIgnoreSwitchTurnsThemOff() {
        assertThat(ServiceEndpoint.fromEnvironment(Map.of(), "BEDROCK_RUNTIME")).isNull();
        assertThat(ServiceEndpoint.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), "BEDROCK_RUNTIME")).isNull();
    }

    @Test
    void aValueThatIsNotAnHttpUrlIsRefusedWithTheVariablesName() {
        assertThatThrownBy(() -> ServiceEndpoint.fromEnvironment(Map.of("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "localhost:9000"),
                "BEDROCK_RUNTIME")).isInstanceOf(AlexException.class).hasMessageContaining("AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
    }

    @Test
    void bedrockSettingsFromTheEnvironmentCarryTheConfiguredEndpoint() {
        var settings = ModelSettings.fromEnvironment(Map.of("ALEX_LLM", "bedrock",
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:9000"));
        assertThat(settings.bedrockEndpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.describe()).contains("at http://127.0.0.1:9000");
    }
}
