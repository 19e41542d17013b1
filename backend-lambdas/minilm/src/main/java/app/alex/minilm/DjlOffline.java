package app.alex.minilm;

/**
 * DJL, which the tokenizer comes through, "calls home" when it loads: it probes the cloud metadata
 * address (169.254.169.254) and, where that answers, reports the instance to a telemetry bucket.
 * Alex promises no network, so both of DJL's documented opt-outs are set before any DJL class runs:
 * offline mode (which also forbids downloads; the tokenizer's native library ships in its jar) and
 * usage tracking off. Every entry point loads DJL only through {@link MiniLmTokenizer}, whose static
 * initialiser calls {@link #apply()}, so the CLI, desktop, server, Lambdas and researcher are all covered.
 */
public final class DjlOffline {
    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    static final String TRACKING_PROPERTY = "OPT_OUT_TRACKING";

    private DjlOffline() {
    }

    public static void apply() {
        System.setProperty(OFFLINE_PROPERTY, "true");
        System.setProperty(TRACKING_PROPERTY, "true");
    }
}
