package app.alex.core.research;

import app.alex.core.error.AlexException;

import java.time.Duration;
import java.util.Map;

/**
 * {@code ALEX_RESEARCH_TIMEOUT_SECONDS}: how long one research run may take, read the same way by
 * every entry point that needs it (the researcher, {@code alex serve}, the scheduler Lambda).
 */
public final class ResearchTimeLimit {
    public static final String VARIABLE = "ALEX_RESEARCH_TIMEOUT_SECONDS";
    public static final Duration DEFAULT = Duration.ofMinutes(10);

    private ResearchTimeLimit() {
    }

    /** The default when unset or blank; a clear error when it is not a positive whole number of seconds. */
    public static Duration fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw AlexException.badRequest(VARIABLE + " must be a positive whole number of seconds (default 600), not '"
                + value.strip() + "'.");
    }
}
