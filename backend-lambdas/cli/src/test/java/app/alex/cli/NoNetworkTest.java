package app.alex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "Offline means offline", checked the way a suspicious user would: every {@code connect(2)} the
 * command line makes while it ingests, searches and researches with default settings is traced by
 * strace, and none may reach beyond loopback (a library once probed 169.254.169.254 on every call).
 */
class NoNetworkTest {
    private static final Pattern INET = Pattern.compile("connect\\(\\d+, \\{sa_family=(AF_INET6?),.*?inet_(?:pton|addr)\\((?:AF_INET6?, )?\"([^\"]+)\"");

    @TempDir
    Path tmp;

    @Test
    void ingestSearchAndResearchWithDefaultSettingsConnectToNothingButLoopback() throws Exception {
        assumeTrue(onPath("strace"), "strace is not installed here (.ci/run installs it); this test traces connect(2) with it");
        Path note = tmp.resolve("note.md");
        Files.writeString(note, "# NVIDIA\n\nData-center revenue grew as hyperscalers bought GPUs for training clusters.\n");
        Path kb = tmp.resolve("kb");

        var connects = new ArrayList<String>();
        connects.addAll(traced(kb, "ingest", "--no-progress", note.toString()));
        connects.addAll(traced(kb, "search", "GPU demand", "-k", "3"));
        connects.addAll(traced(kb, "research", "NVIDIA data-center revenue"));

        var beyondLoopback = connects.stream().filter(line -> {
            Matcher m = INET.matcher(line);
            return m.find() && !isLoopback(m.group(2));
        }).toList();
        assertThat(beyondLoopback).as("connect(2) calls to addresses beyond loopback").isEmpty();
    }

    private List<String> traced(Path kb, String... args) throws Exception {
        Path trace = Files.createTempFile(tmp, "connect", ".trace");
        var command = new ArrayList<>(List.of("strace", "-f", "-qq", "-e", "trace=connect", "-o", trace.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AlexCommand.class.getName(), "--data-dir", kb.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // Default settings: nothing of this machine's configuration may point Alex anywhere.
        builder.environment().keySet().removeIf(k -> k.startsWith("ALEX_") || k.startsWith("AWS_")
                || k.equals("OPT_OUT_TRACKING") || k.startsWith("DJL_"));
        Process child = builder.start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("alex %s finished", args[0]).isTrue();
        assertThat(child.exitValue()).as("alex %s exit code", args[0]).isZero();
        return Files.readAllLines(trace, StandardCharsets.UTF_8).stream().filter(l -> l.contains("connect(")).toList();
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
