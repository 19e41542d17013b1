package app.alex.desktop.backend;

import app.alex.core.error.AlexException;
import app.alex.edgar.Edgar;
import app.alex.edgar.EdgarConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * SEC EDGAR for the workbench: the User-Agent comes from Settings, the hosts from
 * {@code ALEX_EDGAR_DATA_URL} and {@code ALEX_EDGAR_ARCHIVES_URL} (a system property of that name
 * wins over the environment variable). One client is kept per User-Agent, so the filings dialog
 * and the Financials screen share EDGAR's request pacing. Tests replace {@code factory} to point
 * it at a loopback server.
 */
public final class EdgarAccess {
    /** What the workbench says when the User-Agent is not set. */
    public static final String MISSING_USER_AGENT = "SEC EDGAR needs to know who is asking: set your name and e-mail "
            + "address (e.g. \"Jane Doe jane@example.com\") as the EDGAR User-Agent in Settings. EDGAR refuses requests without it.";

    private final Function<EdgarConfig, Edgar> factory;
    private final Supplier<Map<String, String>> environment;
    private final Supplier<String> userAgent;
    private String openedFor;
    private Edgar edgar;

    /**
     * @param factory     opens EDGAR for a configuration ({@link Edgar#open} in the app)
     * @param environment where the hosts are read from ({@link app.alex.desktop.config.DesktopEnvironment#edgar()} in the app)
     * @param userAgent   the User-Agent as saved in Settings now (blank when not set)
     */
    public EdgarAccess(Function<EdgarConfig, Edgar> factory, Supplier<Map<String, String>> environment,
                       Supplier<String> userAgent) {
        this.factory = Objects.requireNonNull(factory);
        this.environment = Objects.requireNonNull(environment);
        this.userAgent = Objects.requireNonNull(userAgent);
    }

    /** True when Settings has a User-Agent; without one nothing is sent to EDGAR. */
    public boolean configured() {
        String agent = userAgent.get();
        return agent != null && !agent.isBlank();
    }

    /** EDGAR for the saved User-Agent; refuses (bad request, {@link #MISSING_USER_AGENT}) without one. */
    public synchronized Edgar edgar() {
        if (!configured()) {
            throw AlexException.badRequest(MISSING_USER_AGENT);
        }
        String agent = userAgent.get().strip();
        if (edgar == null || !agent.equals(openedFor)) {
            var env = new HashMap<>(environment.get());
            env.put(EdgarConfig.USER_AGENT_ENV, agent);
            edgar = factory.apply(EdgarConfig.fromEnvironment(env));
            openedFor = agent;
        }
        return edgar;
    }

}
