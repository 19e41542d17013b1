package app.alex.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installers the build just made, as a user gets them. Linux only: the .deb, the .rpm (where
 * rpmbuild is installed) and the Linux app-image are what this machine (and CI) builds; Windows and macOS installers are built and
 * checked on those systems (see packaging/README.md).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "builds and checks the Linux installers; msi/dmg build on their own systems")
class PackagedAppIT {
    private static final Path OUT = Path.of("target", "installer");

    private static String run(Path home, String... command) throws IOException, InterruptedException {
        return run(home, java.util.Map.of(), command);
    }

    private static String run(Path home, java.util.Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("finished: " + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void thePackagedLauncherPassesItsSelfTestHeadlessWithItsOwnRuntimeAndTheBundledModel(@TempDir Path home) throws Exception {
        Path launcher = OUT.resolve("Alex/bin/Alex");
        assertThat(launcher).isExecutable();

        String output = run(home, launcher.toString(), "--self-test");

        assertThat(output).contains("self-test: OK (model all-MiniLM-L6-v2, 384 dimensions");
        assertThat(OUT.resolve("Alex/lib/runtime/release")).exists();
        assertThat(Files.readString(OUT.resolve("Alex/lib/runtime/release"))).contains("JAVA_VERSION=\"25");
        try (Stream<Path> libs = Files.list(OUT.resolve("Alex/lib/app"))) {
            List<String> jars = libs.map(p -> p.getFileName().toString()).toList();
            assertThat(jars).anyMatch(j -> j.startsWith("alex-desktop")).anyMatch(j -> j.startsWith("langchain4j-embeddings-all-minilm"));
        }
    }

    /** {@code -XX:AOTMode=on} makes the JVM refuse to start when it cannot use the cache the launcher names. */
    private static final java.util.Map<String, String> CACHE_REQUIRED = java.util.Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");

    @Test
    void theLauncherStartsFromTheAotCacheRecordedAtPackageTime(@TempDir Path home) throws Exception {
        Path app = OUT.resolve("Alex/lib/app");
        assertThat(app.resolve("alex.aot")).isRegularFile();
        assertThat(Files.size(app.resolve("alex.aot"))).isGreaterThan(10L << 20);
        String cfg = Files.readString(app.resolve("Alex.cfg"));
        assertThat(cfg).contains("java-options=-XX:AOTCache=$APPDIR/alex.aot").doesNotContain("AOTCacheOutput")
                .doesNotContain("glass.platform");

        String output = run(home, CACHE_REQUIRED, OUT.resolve("Alex/bin/Alex").toString(), "--self-test");

        assertThat(output).contains("self-test: OK").doesNotContain("Unable to use AOT cache");
    }

    @Test
    void theRpmInstallsUnderOptAndStartsFromItsAotCacheWhereverItIsUnpacked(@TempDir Path scratch) throws Exception {
        java.util.Optional<Path> found;
        try (Stream<Path> files = Files.list(OUT)) {
            found = files.filter(p -> p.toString().endsWith(".rpm")).findFirst();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(),
                "no rpmbuild on this machine, so the build made no .rpm (it makes one where rpmbuild is installed; CI does)");
        Path rpm = found.get();
        assertThat(rpm.getFileName().toString()).startsWith("alex-workbench-0.1.0");
        Path root = Files.createDirectories(scratch.resolve("root"));

        // rpm2cpio | cpio -idm: the package's files with the times rpm would set when installing.
        run(root, "sh", "-c", "cd '" + root.toAbsolutePath() + "' && rpm2cpio '" + rpm.toAbsolutePath() + "' | cpio -idm --quiet");

        Path app = root.resolve("opt/alex-workbench");
        assertThat(app.resolve("bin/Alex")).isExecutable();
        // rpm keeps whole seconds, as the JVM compares them
        assertThat(Files.getLastModifiedTime(app.resolve("lib/app/alex-core.jar")).to(TimeUnit.SECONDS))
                .as("the jar's time in the package is the app-image's, which the AOT cache recorded")
                .isEqualTo(Files.getLastModifiedTime(OUT.resolve("Alex/lib/app/alex-core.jar")).to(TimeUnit.SECONDS));
        assertThat(run(scratch, CACHE_REQUIRED, app.resolve("bin/Alex").toString(), "--self-test")).contains("self-test: OK");
    }

    @Test
    void theDebInstallsUnderOptWithAMenuEntryAnIconAndOnlyLinuxNativeLibraries(@TempDir Path scratch) throws Exception {
        Path deb;
        try (Stream<Path> files = Files.list(OUT)) {
            deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        assertThat(deb.getFileName().toString()).startsWith("alex-workbench_0.1.0");

        run(scratch, "dpkg-deb", "-x", deb.toString(), scratch.resolve("root").toString());
        String control = run(scratch, "dpkg-deb", "-f", deb.toString());

        Path root = scratch.resolve("root/opt/alex-workbench");
        assertThat(root.resolve("bin/Alex")).isExecutable();
        assertThat(root.resolve("lib/Alex.png")).exists();
        assertThat(root.resolve("lib/runtime/bin/java")).isExecutable();
        // Installed elsewhere than it was built, the launcher still starts from its AOT cache (the
        // package keeps the jars' times, which the JVM checks).
        assertThat(run(scratch, CACHE_REQUIRED, root.resolve("bin/Alex").toString(), "--self-test")).contains("self-test: OK");
        try (Stream<Path> desktop = Files.walk(scratch.resolve("root"))) {
            assertThat(desktop.map(Path::toString)).anyMatch(p -> p.endsWith(".desktop"));
        }
        assertThat(control).contains("Package: alex-workbench").contains("Version: 0.1.0").contains("Section: office");
        try (var onnx = new java.util.zip.ZipFile(Files.list(root.resolve("lib/app"))
                .filter(p -> p.getFileName().toString().startsWith("onnxruntime")).findFirst().orElseThrow().toFile())) {
            var natives = onnx.stream().map(e -> e.getName()).filter(n -> n.startsWith("ai/onnxruntime/native/")
                    && (n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib"))).toList();
            assertThat(natives).isNotEmpty().allMatch(n -> n.contains("/linux-x64/"));
        }
    }
}
