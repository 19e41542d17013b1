package app.alex.desktop;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A start prints no library noise: no Log4j "no provider" line, no Lucene Vector API advice. */
class StartupLoggingTest {

    /** What the workbench's first moments do with the two libraries, in a fresh JVM. */
    public static final class Probe {
        public static void main(String[] args) {
            if (args.length > 0 && args[0].equals("quiet")) {
                StartupLogging.quiet(new app.alex.desktop.config.DesktopEnvironment(java.util.Map.of()));
            }
            org.apache.logging.log4j.LogManager.getLogger("probe").error("a library error nobody asked to see");
            org.apache.lucene.util.VectorUtil.dotProduct(new float[] {1}, new float[] {1}); // loads the vectorization provider
            System.out.println("probe done");
        }
    }

    @Test
    void theLog4jNoProviderLineAndTheLuceneVectorApiAdviceAreNotPrintedAtStart() throws Exception {
        String loud = run(false);
        String quiet = run(true);

        assertThat(loud).as("without it the noise is there (the probe sees it)").contains("Log4j API could not find");
        assertThat(loud).containsIgnoringCase("vector");
        assertThat(quiet).doesNotContain("Log4j").doesNotContainIgnoringCase("vector")
                .doesNotContain("a library error nobody asked to see");
    }

    private static String run(boolean quiet) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(java.util.List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()));
        if (quiet) {
            command.add("quiet");
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("ALEX_DEBUG");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("probe done");
        return output;
    }
}
