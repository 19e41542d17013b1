import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Alex installers with the JDK's own tools (jdeps, jlink, jpackage through
 * ToolProvider, so it runs the same on Linux, Windows and macOS). Run by Maven in the packaging
 * module with the version from the pom:
 *
 *   java BuildInstaller.java VERSION INPUT_DIR RESOURCES_DIR OUTPUT_DIR TYPES
 *
 * INPUT_DIR holds alex-desktop.jar and its runtime libraries; TYPES is a comma-separated list of
 * app-image, deb, rpm, msi, exe, dmg, pkg. Steps: keep only this platform's native libraries in
 * the jars that carry all platforms' (ONNX Runtime, the tokenizer); find the JDK modules the app
 * needs (jdeps, plus what is loaded reflectively); jlink a trimmed runtime; jpackage the
 * app-image, then each installer from it.
 */
public class BuildInstaller {
    /** Modules used reflectively or by service loading, which jdeps cannot see. */
    private static final List<String> ALWAYS = List.of("java.logging", "java.naming", "java.prefs", "java.scripting",
            "java.datatransfer", "jdk.unsupported", "jdk.zipfs", "jdk.charsets", "jdk.crypto.cryptoki", "jdk.net",
            "jdk.incubator.vector", "jdk.jfr", "java.management",
            "jdk.management"); // jdk.management: Lucene reads HotSpot options through it (else it warns at start)
    /** Stable across versions so Windows upgrades replace the old install instead of adding a second. */
    private static final String WINDOWS_UPGRADE_UUID = "6f1d3a4e-2b7c-4f0a-9d5e-a1c2e3f4b5d6";

    public static void main(String[] args) throws Exception {
        String version = args[0];
        Path input = Path.of(args[1]);
        Path resources = Path.of(args[2]);
        Path out = Path.of(args[3]);
        List<String> types = Arrays.stream(args[4].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        String os = os();
        deleteTree(out);
        Files.createDirectories(out);

        long before = size(input);
        for (Path jar : list(input)) {
            String name = jar.getFileName().toString();
            if (name.matches("(onnxruntime|tokenizers)(-[0-9].*)?\\.jar")) {
                keepOwnPlatform(jar, os);
            }
        }
        System.out.printf("native libraries of other platforms removed: %.1f MB -> %.1f MB%n", before / 1e6, size(input) / 1e6);

        Set<String> modules = new TreeSet<>(ALWAYS);
        String classPath = String.join(java.io.File.pathSeparator, list(input).stream().map(Path::toString).toList());
        String deps = run("jdeps", "--print-module-deps", "--ignore-missing-deps", "-q", "--multi-release", "25",
                "--class-path", classPath, input.resolve("alex-desktop.jar").toString()).strip();
        String moduleLine = deps.lines().map(String::strip).filter(l -> l.matches("[a-z][a-z0-9.,]*"))
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("jdeps printed no module list:\n" + deps));
        modules.addAll(Arrays.asList(moduleLine.split(",")));
        Path runtime = out.resolve("runtime");
        run("jlink", "--add-modules", String.join(",", modules), "--strip-debug", "--no-man-pages", "--no-header-files",
                "--compress", "zip-6", "--output", runtime.toString());
        System.out.printf("runtime (%d modules): %.1f MB%n", modules.size(), size(runtime) / 1e6);

        String icon = resources.resolve(switch (os) {
            case "windows" -> "alex.ico";
            case "mac" -> "alex.icns";
            default -> "alex.png";
        }).toString();
        List<String> common = List.of("--name", "Alex", "--app-version", version, "--vendor", "Alex Workbench",
                "--description", "Research workbench for investment analysts: ingest, search by meaning, research, feed.",
                "--copyright", "Alex Workbench contributors");
        List<String> image = new ArrayList<>(common);
        image.addAll(List.of("--type", "app-image", "--input", input.toString(), "--main-jar", "alex-desktop.jar",
                "--main-class", "app.alex.desktop.Launcher", "--runtime-image", runtime.toString(), "--icon", icon,
                "--java-options", "--enable-native-access=ALL-UNNAMED", "--java-options", "--add-modules=jdk.incubator.vector",
                "--java-options", "-XX:MaxRAMPercentage=50", "--dest", out.toString()));
        if (os.equals("mac")) {
            image.addAll(List.of("--mac-package-identifier", "app.alex.workbench"));
        }
        run("jpackage", image.toArray(String[]::new));
        Path appImage = os.equals("mac") ? out.resolve("Alex.app") : out.resolve("Alex");
        recordAotCache(appImage, os);
        System.out.printf("app-image %s: %.1f MB%n", appImage, size(appImage) / 1e6);

        for (String requested : types) {
            // "rpm?" builds the .rpm where rpmbuild is installed (the Linux default), and says so where not.
            String type = requested.endsWith("?") ? requested.substring(0, requested.length() - 1) : requested;
            if (type.equals("app-image")) {
                continue;
            }
            if (requested.endsWith("?") && !onPath(type + "build")) {
                System.out.println("no " + type + "build on the PATH: the ." + type + " is not built");
                continue;
            }
            List<String> installer = new ArrayList<>(common);
            installer.addAll(List.of("--type", type, "--app-image", appImage.toString(), "--dest", out.toString()));
            switch (type) {
                case "deb", "rpm" -> installer.addAll(List.of("--linux-package-name", "alex-workbench", "--linux-shortcut",
                        "--linux-menu-group", "Office", "--linux-app-category", type.equals("deb") ? "office" : "Office",
                        "--icon", icon, "--about-url", "https://github.com/alex-workbench/alex",
                        "--linux-deb-maintainer", "maintainers@alex-workbench.invalid"));
                case "msi", "exe" -> installer.addAll(List.of("--win-menu", "--win-menu-group", "Alex", "--win-shortcut",
                        "--win-dir-chooser", "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID, "--win-per-user-install"));
                case "dmg", "pkg" -> installer.addAll(List.of("--mac-package-identifier", "app.alex.workbench"));
                default -> throw new IllegalArgumentException("unknown installer type " + type);
            }
            if (type.equals("rpm")) {
                installer.removeIf(a -> a.equals("--linux-deb-maintainer") || a.equals("maintainers@alex-workbench.invalid"));
            }
            Path specDir = type.equals("rpm") && Files.isRegularFile(appImage.resolve("lib/app/alex.aot"))
                    ? rpmSpecKeepingFileTimes(appImage) : null;
            if (specDir != null) {
                installer.addAll(List.of("--resource-dir", specDir.toString()));
            }
            run("jpackage", installer.toArray(String[]::new));
            if (specDir != null) {
                deleteTree(specDir);
            }
            if (type.equals("deb") && Files.isRegularFile(appImage.resolve("lib/app/alex.aot"))) {
                keepFileTimes(out, appImage);
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                System.out.printf("installer %s: %.1f MB%n", f.getFileName(), Files.size(f) / 1e6);
            }
        }
    }

    /**
     * Makes the launcher start from a JDK AOT cache (JEP 483/514): one training launch of the
     * app-image itself ({@code Alex --aot-training}: the workbench, headless, every screen opened,
     * one search) with {@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache=$APPDIR/alex.aot} among
     * the launcher's options. The cache is valid only for this runtime and these jars, which the
     * app-image ships together; a cache the JVM cannot use is ignored, silently, and the app starts
     * as it would without. Where training fails the installer is built without a cache, and says so.
     */
    private static void recordAotCache(Path appImage, String os) throws IOException, InterruptedException {
        Path cfg;
        try (Stream<Path> files = Files.walk(appImage)) {
            cfg = files.filter(p -> p.getFileName().toString().equals("Alex.cfg")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Alex.cfg in " + appImage));
        }
        Path launcher = switch (os) {
            case "windows" -> appImage.resolve("Alex.exe");
            case "mac" -> appImage.resolve("Contents/MacOS/Alex");
            default -> appImage.resolve("bin/Alex");
        };
        Path cache = cfg.resolveSibling("alex.aot");
        Path scratch = Files.createTempDirectory("alex-aot-training");
        String original = Files.readString(cfg);
        // Training only: headless software rendering (a build machine has no display), a scratch
        // data, settings and model folder, and where to write the cache.
        Files.writeString(cfg, withJavaOptions(original, List.of("-XX:AOTCacheOutput=" + cache,
                "-Dglass.platform=Headless", "-Dprism.order=sw", "-Dalex.cache.dir=" + scratch.resolve("cache"))));
        var training = new ProcessBuilder(launcher.toString(), "--aot-training").redirectErrorStream(true)
                .redirectOutput(scratch.resolve("training.log").toFile());
        training.environment().put("ALEX_CONFIG_DIR", scratch.resolve("config").toString());
        training.environment().put("ALEX_DATA_DIR", scratch.resolve("data").toString());
        training.environment().remove("DISPLAY");
        long started = System.nanoTime();
        Process process = training.start();
        boolean finished = process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        boolean recorded = finished && process.exitValue() == 0 && Files.isRegularFile(cache);
        // The training options go; the launcher keeps only what it needs to start from the cache.
        Files.writeString(cfg, recorded
                ? withJavaOptions(original, List.of("-XX:AOTCache=$APPDIR/alex.aot", "-Xlog:aot=off,cds=off")) : original);
        if (recorded) {
            System.out.printf("AOT cache from one training launch (%.0f s): %.1f MB%n", (System.nanoTime() - started) / 1e9,
                    Files.size(cache) / 1e6);
        } else {
            Files.deleteIfExists(cache);
            System.out.println("WARNING: no AOT cache: the training launch " + (finished ? "exited " + process.exitValue()
                    : "did not finish in 2 minutes") + "; the installer starts without one. Its output:\n"
                    + Files.readString(scratch.resolve("training.log")));
        }
        deleteTree(scratch);
    }

    /**
     * jpackage copies the app-image into the .deb with new file times, and the JVM ignores an AOT cache
     * whose jars' times differ from the ones it recorded: the installed app would start without it.
     * Repacks the .deb with the app-image's own times (dpkg-deb, which jpackage itself needs here).
     */
    private static void keepFileTimes(Path out, Path appImage) throws IOException, InterruptedException {
        Path deb;
        try (Stream<Path> files = Files.list(out)) {
            deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        Path raw = Files.createTempDirectory("alex-deb");
        exec("dpkg-deb", "-R", deb.toString(), raw.resolve("root").toString());
        Path installed;
        try (Stream<Path> files = Files.walk(raw.resolve("root"))) {
            installed = files.filter(p -> p.endsWith(Path.of("lib", "app", "Alex.cfg"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no lib/app/Alex.cfg in " + deb)).getParent().getParent().getParent();
        }
        try (Stream<Path> files = Files.walk(appImage)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = installed.resolve(appImage.relativize(file).toString());
                if (Files.isRegularFile(target)) {
                    Files.setLastModifiedTime(target, Files.getLastModifiedTime(file));
                }
            }
        }
        exec("dpkg-deb", "--root-owner-group", "--build", raw.resolve("root").toString(), deb.toString());
        deleteTree(raw);
    }

    /**
     * The .rpm's counterpart of {@link #keepFileTimes}: jpackage's own spec template (read from the
     * running JDK, so it matches this jpackage), whose install step copies the app-image with new
     * times, followed by one that gives every file the app-image's time back. rpm records the
     * times in the package and sets them when it installs.
     */
    private static Path rpmSpecKeepingFileTimes(Path appImage) throws IOException {
        Path template = java.nio.file.FileSystems.getFileSystem(java.net.URI.create("jrt:/"))
                .getPath("/modules/jdk.jpackage/jdk/jpackage/internal/resources/template.spec");
        String spec = Files.readString(template);
        String copy = "cp -r %{_sourcedir}APPLICATION_DIRECTORY/* %{buildroot}APPLICATION_DIRECTORY\n";
        if (!spec.contains(copy)) {
            throw new IllegalStateException("jpackage's rpm spec template has changed: no line '" + copy.strip()
                    + "' to follow with the app-image's file times; see BuildInstaller.rpmSpecKeepingFileTimes");
        }
        String image = appImage.toAbsolutePath().toString();
        if (image.contains("'")) {
            throw new IllegalStateException("the build folder's path holds a quote, which the rpm spec cannot quote: " + image);
        }
        String times = "(cd '" + image + "' && find . -type f -exec touch -c -r '{}' '%{buildroot}APPLICATION_DIRECTORY/{}' ';')\n";
        Path resources = Files.createTempDirectory("alex-rpm-resources");
        Files.writeString(resources.resolve("alex-workbench.spec"), spec.replace(copy, copy + times));
        return resources;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** The jpackage launcher configuration with {@code options} added to its [JavaOptions]. */
    static String withJavaOptions(String cfg, List<String> options) {
        String lines = options.stream().map(o -> "java-options=" + o + "\n").reduce("", String::concat);
        int section = cfg.indexOf("[JavaOptions]");
        if (section < 0) {
            return cfg + (cfg.endsWith("\n") ? "" : "\n") + "[JavaOptions]\n" + lines;
        }
        int after = cfg.indexOf('\n', section) + 1;
        return after == 0 ? cfg + "\n" + lines : cfg.substring(0, after) + lines + cfg.substring(after);
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.contains("win") ? "windows" : name.contains("mac") ? "mac" : "linux";
    }

    /** The folder names this platform's natives live under, in ONNX Runtime's and DJL's layouts. */
    private static List<String> ownPlatform(String os) {
        boolean arm = System.getProperty("os.arch").contains("aarch64") || System.getProperty("os.arch").contains("arm");
        return switch (os) {
            case "windows" -> List.of("win-x64", "win-x86_64");
            case "mac" -> arm ? List.of("osx-aarch64") : List.of("osx-x64", "osx-x86_64");
            default -> arm ? List.of("linux-aarch64") : List.of("linux-x64", "linux-x86_64");
        };
    }

    private static void keepOwnPlatform(Path jar, String os) throws IOException {
        List<String> keep = ownPlatform(os);
        Path temp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (var zip = new ZipFile(jar.toFile()); OutputStream raw = Files.newOutputStream(temp);
             var outZip = new ZipOutputStream(raw)) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                boolean nativeDir = name.startsWith("ai/onnxruntime/native/") || name.startsWith("native/lib/");
                if (nativeDir) {
                    String[] parts = name.split("/");
                    String platform = name.startsWith("native/lib/") ? (parts.length > 2 ? parts[2] : "")
                            : (parts.length > 3 ? parts[3] : "");
                    boolean isPlatformDir = platform.matches("(linux|osx|win)-.*");
                    if (isPlatformDir && !keep.contains(platform)) {
                        continue;
                    }
                }
                outZip.putNextEntry(new ZipEntry(name));
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(outZip);
                }
                outZip.closeEntry();
            }
        }
        Files.move(temp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String run(String tool, String... args) {
        var provider = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK"));
        var out = new StringWriter();
        var err = new StringWriter();
        int code = provider.run(new PrintWriter(out), new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException(tool + " failed (" + code + "):\n" + out + err);
        }
        return out.toString();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
