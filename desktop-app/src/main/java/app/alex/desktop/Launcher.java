package app.alex.desktop;

import javafx.application.Application;

/**
 * Main class for classpath runs (the thin jar, {@code ./alex-desktop}): a main class that
 * extends {@link Application} refuses to start when JavaFX is not on the module path, this one
 * does not.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        var environment = app.alex.desktop.config.DesktopEnvironment.system();
        StartupLogging.quiet(environment);
        if (java.util.Arrays.asList(args).contains("--self-test")) {
            System.exit(SelfTest.run(System.out));
        }
        AlexWorkbench.prepare(environment);
        Application.launch(AlexWorkbench.class, args);
    }
}
