package app.alex.core.llm;

/**
 * A chat model that can call tools. Adapters: Bedrock Converse, any OpenAI-compatible server
 * (Ollama, vLLM, LM Studio...). With none configured the researcher writes an extractive brief
 * instead, so this port has no "null" implementation.
 *
 * <p>Failures are {@link app.alex.core.error.AlexException}s: UNAVAILABLE after retries on
 * throttling, 5xx and timeouts; BAD_REQUEST or UNAUTHORIZED/FORBIDDEN for the caller's mistakes,
 * with a message that names what to fix and never a secret.
 */
public interface LanguageModel extends AutoCloseable {

    /** Shown in reports and health: e.g. "openai.gpt-oss-120b-1:0" or "llama3.1 @ http://localhost:11434". */
    String name();

    ChatResponse chat(ChatRequest request);

    @Override
    default void close() {
    }
}
