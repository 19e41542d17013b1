package app.alex.research.llm;

import app.alex.core.error.AlexException;
import app.alex.core.llm.LanguageModel;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which language model the researcher uses, from environment variables (the CLI, the server, the
 * Lambda) or the desktop's settings. None configured means the extractive brief.
 *
 * <pre>
 * ALEX_LLM                none (default) | openai | bedrock
 * ALEX_OPENAI_BASE_URL    e.g. http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM)
 * ALEX_OPENAI_MODEL       e.g. llama3.1:8b
 * ALEX_OPENAI_API_KEY     optional
 * ALEX_BEDROCK_MODEL_ID   default openai.gpt-oss-120b-1:0
 * ALEX_BEDROCK_REGION     default us-west-2
 * ALEX_BEDROCK_PROFILE    optional AWS profile (else the default credential chain)
 * ALEX_LLM_TIMEOUT_SECONDS per model call, default 120
 * AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL   another Bedrock-compatible endpoint (the SDK's variables)
 * </pre>
 */
public record ModelSettings(Provider provider, String openAiBaseUrl, String openAiModel, String openAiApiKey,
                            String bedrockModelId, String bedrockRegion, String bedrockProfile, URI bedrockEndpoint,
                            Duration timeout) {

    public enum Provider { NONE, OPENAI, BEDROCK }

    public static final ModelSettings NONE = new ModelSettings(Provider.NONE, null, null, null, null, null, null, null, null);

    public ModelSettings {
        provider = provider == null ? Provider.NONE : provider;
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
    }

    /** Settings with Bedrock's own endpoint for the region (the desktop's settings). */
    public ModelSettings(Provider provider, String openAiBaseUrl, String openAiModel, String openAiApiKey,
                         String bedrockModelId, String bedrockRegion, String bedrockProfile, Duration timeout) {
        this(provider, openAiBaseUrl, openAiModel, openAiApiKey, bedrockModelId, bedrockRegion, bedrockProfile, null, timeout);
    }

    public static ModelSettings fromEnvironment(Map<String, String> env) {
        String kind = env.getOrDefault("ALEX_LLM", "none").strip().toLowerCase(Locale.ROOT);
        Provider provider = switch (kind) {
            case "", "none", "extractive" -> Provider.NONE;
            case "openai", "openai-compatible", "ollama", "vllm" -> Provider.OPENAI;
            case "bedrock" -> Provider.BEDROCK;
            default -> throw AlexException.badRequest("ALEX_LLM must be none, openai or bedrock, not '" + kind + "'.");
        };
        Duration timeout = null;
        String seconds = env.get("ALEX_LLM_TIMEOUT_SECONDS");
        if (seconds != null && !seconds.isBlank()) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(seconds.strip()));
            } catch (NumberFormatException e) {
                throw AlexException.badRequest("ALEX_LLM_TIMEOUT_SECONDS must be a number of seconds.");
            }
        }
        return new ModelSettings(provider, env.get("ALEX_OPENAI_BASE_URL"), env.get("ALEX_OPENAI_MODEL"),
                env.get("ALEX_OPENAI_API_KEY"), env.get("ALEX_BEDROCK_MODEL_ID"), env.get("ALEX_BEDROCK_REGION"),
                env.get("ALEX_BEDROCK_PROFILE"), ServiceEndpoint.fromEnvironment(env, "BEDROCK_RUNTIME"), timeout);
    }

    /** The configured model, or empty for the extractive brief. Builds clients only; no network here. */
    public Optional<LanguageModel> open() {
        return switch (provider) {
            case NONE -> Optional.empty();
            case OPENAI -> {
                if (openAiBaseUrl == null || openAiBaseUrl.isBlank()) {
                    throw AlexException.badRequest("An OpenAI-compatible model needs its base URL (ALEX_OPENAI_BASE_URL), "
                            + "for example http://localhost:11434/v1 for Ollama.");
                }
                URI base;
                try {
                    base = URI.create(openAiBaseUrl.strip());
                } catch (IllegalArgumentException e) {
                    throw AlexException.badRequest("The model base URL is not a valid URL: " + RedactedUrl.of(openAiBaseUrl));
                }
                yield Optional.of(new OpenAiCompatibleModel(new OpenAiCompatibleModel.Settings(base, openAiModel,
                        openAiApiKey, timeout)));
            }
            case BEDROCK -> Optional.of(BedrockConverseModel.create(bedrockRegion, bedrockProfile, bedrockModelId,
                    bedrockEndpoint, null, timeout));
        };
    }

    /** For logs, health and the banner: never the key, nor credentials inside the base URL. */
    public String describe() {
        return switch (provider) {
            case NONE -> "extractive (no language model)";
            case OPENAI -> openAiModel + " @ " + RedactedUrl.of(openAiBaseUrl == null ? null : openAiBaseUrl.strip());
            case BEDROCK -> (bedrockModelId == null ? BedrockConverseModel.DEFAULT_MODEL : bedrockModelId) + " (Bedrock "
                    + (bedrockRegion == null ? BedrockConverseModel.DEFAULT_REGION : bedrockRegion)
                    + (bedrockEndpoint == null ? "" : " at " + bedrockEndpoint) + ")";
        };
    }

    @Override
    public String toString() {
        return "ModelSettings[" + describe() + "]";
    }
}
