package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.core.error.AlexException;
import app.alex.core.research.ResearchTimeLimit;
import app.alex.research.llm.ModelSettings;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The researcher's own configuration, read once from the environment when it starts (the
 * knowledge base's variables are read by {@code CloudKnowledgeBase}).
 *
 * <pre>
 * ALEX_LLM                        bedrock (default here) | openai | none, with the model's variables (ModelSettings)
 * ALEX_WATCHLIST                  comma-separated topics for /research/auto (default: market themes)
 * ALEX_RESEARCH_TIMEOUT_SECONDS   time limit of one research run (default 600)
 * ALEX_API_KEYS                   the HTTP server's accepted keys (App Runner, a container); the Lambda ignores them
 * PORT                            the HTTP server's port (default 8080)
 * </pre>
 */
public record ResearcherSettings(ModelSettings model, List<String> watchlist, Duration timeLimit, ApiKeys apiKeys, int port) {

    public ResearcherSettings {
        watchlist = List.copyOf(watchlist);
    }

    public static ResearcherSettings fromEnvironment(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("ALEX_LLM", "bedrock");
        List<String> watchlist = Arrays.stream(env.getOrDefault("ALEX_WATCHLIST", "").split("[,;]"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new ResearcherSettings(ModelSettings.fromEnvironment(env), watchlist, ResearchTimeLimit.fromEnvironment(env),
                ApiKeys.parse(env.get("ALEX_API_KEYS")), port(env.getOrDefault("PORT", "8080")));
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw AlexException.badRequest("PORT must be a port number from 0 to 65535, not '" + value.strip() + "'.");
    }
}
