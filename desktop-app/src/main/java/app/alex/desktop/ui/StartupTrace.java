package app.alex.desktop.ui;

/**
 * Start-up timestamps for finding what is slow before the first frame and before Healthy:
 * {@code -Dalex.startup.trace=true} prints one line per step to standard error, in milliseconds
 * since the JVM started. Off (and free) otherwise.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("alex.startup.trace");
    private static final long START_MILLIS = ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    private StartupTrace() {
    }

    public static void mark(String step) {
        if (ON) {
            System.err.printf("alex.startup %6d ms  %-12s %s%n", System.currentTimeMillis() - START_MILLIS,
                    Thread.currentThread().getName(), step);
        }
    }
}
