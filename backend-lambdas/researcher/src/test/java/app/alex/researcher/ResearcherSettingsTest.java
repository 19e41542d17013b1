package app.alex.researcher;

import app.alex.research.llm.ModelSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResearcherSettingsTest {

    @Test
    void theEnvironmentTerraformSetsIsReadOnceIntoOneRecord() {
        var settings = ResearcherSettings.fromEnvironment(Map.of("ALEX_WATCHLIST", "Copper; Rates, ,NVDA",
                "ALEX_RESEARCH_TIMEOUT_SECONDS", "885", "ALEX_BEDROCK_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:9000", "ALEX_API_KEYS", "k1,k2", "PORT", "9090"));

        assertThat(settings.model().provider()).as("Bedrock unless ALEX_LLM says otherwise").isEqualTo(ModelSettings.Provider.BEDROCK);
        assertThat(settings.model().bedrockEndpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(settings.watchlist()).containsExactly("Copper", "Rates", "NVDA");
        assertThat(settings.timeLimit()).isEqualTo(Duration.ofSeconds(885));
        assertThat(settings.apiKeys().isEmpty()).isFalse();
        assertThat(settings.port()).isEqualTo(9090);
    }

    @Test
    void defaultsNeedNoVariablesAndBadValuesNameTheirVariable() {
        var settings = ResearcherSettings.fromEnvironment(Map.of());
        assertThat(settings.timeLimit()).isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.watchlist()).isEmpty();
        assertThatThrownBy(() -> ResearcherSettings.fromEnvironment(Map.of("PORT", "http"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> ResearcherSettings.fromEnvironment(Map.of("ALEX_RESEARCH_TIMEOUT_SECONDS", "-1")))
                .hasMessageContaining("ALEX_RESEARCH_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> ResearcherSettings.fromEnvironment(Map.of("ALEX_LLM", "gpt5"))).hasMessageContaining("ALEX_LLM");
    }
}
