package app.alex.research.llm;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A model URL shown anywhere keeps its server and path and loses its secrets. */
class RedactedUrlTest {
    private static final String SECRET_URL = "https://alex:hunter2@llm.example.com:8443/v1?api-key=sk-live-123&token=t0k&region=eu#x";

    @Test
    void userInfoAndSecretQueryValuesAreReplacedAndTheRestIsKept() {
        assertThat(RedactedUrl.of(SECRET_URL))
                .isEqualTo("https://***@llm.example.com:8443/v1?api-key=***&token=***&region=eu#x");
        assertThat(RedactedUrl.of("http://localhost:11434/v1")).isEqualTo("http://localhost:11434/v1");
        assertThat(RedactedUrl.of("http://h/v1?key=a&secret=b&password=c&X-Amz-Signature=d&access_token=e&model=m"))
                .isEqualTo("http://h/v1?key=***&secret=***&password=***&X-Amz-Signature=***&access_token=***&model=m");
    }

    @Test
    void theSettingsDescriptionTheModelNameAndTheSettingsRecordShowNoSecret() {
        var settings = ModelSettings.fromEnvironment(Map.of("ALEX_LLM", "openai", "ALEX_OPENAI_BASE_URL", SECRET_URL,
                "ALEX_OPENAI_MODEL", "llama3", "ALEX_OPENAI_API_KEY", "sk-header-key"));
        var model = new OpenAiCompatibleModel(new OpenAiCompatibleModel.Settings(URI.create(SECRET_URL), "llama3",
                "sk-header-key", null));

        for (String shown : new String[]{settings.describe(), settings.toString(), model.name(),
                new OpenAiCompatibleModel.Settings(URI.create(SECRET_URL), "llama3", "sk-header-key", null).toString()}) {
            assertThat(shown).contains("llm.example.com").doesNotContain("hunter2").doesNotContain("sk-live-123")
                    .doesNotContain("t0k").doesNotContain("sk-header-key");
        }
    }
}
