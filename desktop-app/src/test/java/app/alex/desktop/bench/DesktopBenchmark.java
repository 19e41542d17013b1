package app.alex.desktop.bench;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.desktop.AlexWorkbench;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.DefaultBackendFactory;
import app.alex.desktop.backend.ResearcherFactory;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.SettingsStore;
import app.alex.desktop.library.LibraryViewModel;
import app.alex.desktop.search.SearchViewModel;
import app.alex.desktop.shell.Themes;
import app.alex.desktop.shell.Workbench;
import app.alex.desktop.ui.FileDialogs;
import app.alex.desktop.ui.Screen;
import app.alex.desktop.ui.VirtualThreadTaskExecutor;
import app.alex.embedded.EmbeddedBackend;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Desktop workbench benchmark (not a test: run it by hand, see desktop-app/benchmarks.sh and
 * BENCHMARKS.md "Desktop workbench"). Modes:
 * <ul>
 *   <li>{@code launch [runs]}: spawns {@code runs} JVMs, each starts the real application
 *       ({@link AlexWorkbench}) on a fresh embedded data folder and reports when the window is
 *       showing and the status bar says "Healthy".</li>
 *   <li>{@code build-search DIR [chunks]}: writes a knowledge base of {@code chunks} passages (default 100,000)
 *       straight into the Lucene index: real sentences, embedded with the real model, reused with noise.</li>
 *   <li>{@code search DIR [queries]}: keystroke to results in the Search screen over DIR.</li>
 *   <li>{@code build-library DIR [documents]}: a knowledge base of small documents (default 20,000).</li>
 *   <li>{@code library DIR}: scrolls the Library table from top to bottom.</li>
 * </ul>
 * Run with {@code -Dglass.platform=Headless -Dprism.order=sw} for the headless figures.
 */
public final class DesktopBenchmark {
    private static final long MAIN_NANOS = System.nanoTime();
    private static final Path TEXT_SOURCES = Path.of("/usr/share/common-licenses");

    private DesktopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "help" : args[0];
        switch (mode) {
            case "launch" -> launch(args.length > 1 ? Integer.parseInt(args[1]) : 5);
            case "launch-child" -> launchChild();
            case "bare-child" -> bareChild();
            case "build-search" -> buildSearch(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 100_000);
            case "search" -> search(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : QUERIES.size());
            case "build-library" -> buildLibrary(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20_000);
            case "library" -> library(Path.of(args[1]));
            default -> {
                System.err.println("usage: DesktopBenchmark launch [runs] | build-search DIR [chunks] | search DIR [queries]"
                        + " | build-library DIR [docs] | library DIR");
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------- 1. launch to usable window

    private static void launch(int runs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-D") || a.startsWith("-X") || a.startsWith("--enable-native-access")
                        || a.startsWith("--add-"))
                .toList();
        // The floor: a bare JavaFX window (toolbar, list, a few buttons) on the same JVM, measured in the
        // same rounds. With -Daot=true also the workbench started with a JDK 25 AOT cache made by one
        // training launch first.
        boolean aot = Boolean.getBoolean("aot");
        Path aotCache = Files.createTempDirectory("alex-aot-").resolve("workbench.aot");
        Path bareCache = aotCache.resolveSibling("bare.aot");
        if (aot) {
            List<String> training = new ArrayList<>(jvmArgs);
            training.add("-XX:AOTCacheOutput=" + aotCache);
            training.add("-Dbench.exit=true");
            child(java, training, "launch-child");
            // The floor gets an AOT cache of its own, so that the ratio compares like with like.
            List<String> bareTraining = new ArrayList<>(jvmArgs);
            bareTraining.add("-XX:AOTCacheOutput=" + bareCache);
            bareTraining.add("-Dbench.exit=true");
            child(java, bareTraining, "bare-child");
            if (Files.isRegularFile(aotCache) && Files.isRegularFile(bareCache)) {
                System.out.println("AOT cache: " + Files.size(aotCache) / (1 << 20) + " MiB (bare window's: "
                        + Files.size(bareCache) / (1 << 20) + " MiB)");
            } else {
                // The JVM archives classes from jars only; class folders on the path (target/classes) rule it out.
                System.out.println("no AOT cache was written (it needs jars on the class path, as benchmarks.sh runs it):"
                        + " measuring without");
                aot = false;
            }
        }
        Map<String, List<Double>> usable = new java.util.LinkedHashMap<>();
        List<Double> firstSearches = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            var bare = child(java, jvmArgs, "bare-child");
            usable.computeIfAbsent("bare JavaFX window shown", k -> new ArrayList<>()).add(bare.get("shown_from_jvm_ms"));
            var real = child(java, jvmArgs, "launch-child");
            usable.computeIfAbsent("workbench shown+Healthy", k -> new ArrayList<>()).add(real.get("healthy_from_jvm_ms"));
            usable.computeIfAbsent("workbench shown", k -> new ArrayList<>()).add(real.get("shown_from_jvm_ms"));
            firstSearches.add(real.get("first_search_ms"));
            if (aot) {
                List<String> bareWithCache = new ArrayList<>(jvmArgs);
                bareWithCache.add("-XX:AOTCache=" + bareCache);
                usable.computeIfAbsent("bare JavaFX window shown, AOT cache", k -> new ArrayList<>())
                        .add(child(java, bareWithCache, "bare-child").get("shown_from_jvm_ms"));
                List<String> withCache = new ArrayList<>(jvmArgs);
                withCache.add("-XX:AOTCache=" + aotCache);
                var cached = child(java, withCache, "launch-child");
                usable.computeIfAbsent("workbench shown+Healthy, AOT cache", k -> new ArrayList<>())
                        .add(cached.get("healthy_from_jvm_ms"));
            }
            System.out.printf(Locale.ROOT, "round %d: %s%n", run + 1, usable.entrySet().stream()
                    .map(e -> e.getKey() + " " + Math.round(e.getValue().getLast()) + " ms").toList());
        }
        double floor = median(usable.get("bare JavaFX window shown"));
        for (var e : usable.entrySet()) {
            System.out.printf(Locale.ROOT, "%s: median %.0f ms, max %.0f ms, %.2fx the bare window%n", e.getKey(),
                    median(e.getValue()), max(e.getValue()), median(e.getValue()) / floor);
        }
        if (aot) {
            System.out.printf(Locale.ROOT, "workbench shown+Healthy, AOT cache: %.2fx the bare window with its own AOT cache%n",
                    median(usable.get("workbench shown+Healthy, AOT cache"))
                            / median(usable.get("bare JavaFX window shown, AOT cache")));
        }
        System.out.printf(Locale.ROOT, "first search, Enter pressed the moment the window said Healthy: median %.0f ms, max %.0f ms%n",
                median(firstSearches), max(firstSearches));
    }

    /** Runs one child JVM in a fresh data folder and returns the BENCH values it printed. */
    private static Map<String, Double> child(String java, List<String> jvmArgs, String mode) throws Exception {
        Path temp = Files.createTempDirectory("alex-launch-");
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DesktopBenchmark.class.getName());
        command.add(mode);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ALEX_CONFIG_DIR", temp.resolve("config").toString());
        builder.environment().put("ALEX_DATA_DIR", temp.resolve("data").toString());
        Process process = builder.start();
        Map<String, Double> values = new java.util.HashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("BENCH ")) {
                    String[] kv = line.substring(6).split("=");
                    values.put(kv[0], Double.parseDouble(kv[1]));
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || !values.containsKey("shown_from_jvm_ms")) {
            throw new IllegalStateException(mode + " failed: " + values);
        }
        deleteQuietly(temp);
        return values;
    }

    /** The floor: a bare JavaFX window with a toolbar, a list and a few buttons, nothing of Alex. */
    public static final class BareWindow extends Application {
        @Override
        public void start(Stage stage) {
            var toolbar = new javafx.scene.control.ToolBar(new javafx.scene.control.Button("Ingest"),
                    new javafx.scene.control.Button("Search"), new javafx.scene.control.Button("Library"));
            var list = new javafx.scene.control.ListView<String>(javafx.collections.FXCollections.observableArrayList(
                    "First", "Second", "Third"));
            var root = new javafx.scene.layout.BorderPane(list);
            root.setTop(toolbar);
            root.setBottom(new javafx.scene.layout.HBox(8, new javafx.scene.control.Button("OK"),
                    new javafx.scene.control.Button("Cancel")));
            stage.setScene(new Scene(root, 980, 720));
            stage.show();
        }
    }

    private static void bareChild() {
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    var showing = new CompletableFuture<Boolean>();
                    Platform.runLater(() -> showing.complete(Window.getWindows().stream().anyMatch(Window::isShowing)));
                    if (showing.get(10, TimeUnit.SECONDS)) {
                        System.out.println("BENCH shown_from_jvm_ms=" + (System.currentTimeMillis() - jvmStartMillis));
                        System.out.flush();
                        if (Boolean.getBoolean("bench.exit")) {
                            System.exit(0); // an AOT training run writes its cache on a normal exit
                        }
                        Runtime.getRuntime().halt(0);
                    }
                } catch (IllegalStateException notStartedYet) {
                    // toolkit not initialised yet
                } catch (Exception e) {
                    e.printStackTrace();
                    Runtime.getRuntime().halt(1);
                }
                sleep(2);
            }
        });
        Application.launch(BareWindow.class);
    }

    /** The real application, as {@code Launcher} starts it, with a watcher thread polling the FX thread. */
    private static void launchChild() {
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        var watcher = Thread.ofPlatform().daemon().start(() -> {
            boolean shownReported = false;
            while (true) {
                try {
                    var state = new CompletableFuture<String>();
                    Platform.runLater(() -> state.complete(windowState()));
                    String now = state.get(10, TimeUnit.SECONDS);
                    long millis = System.currentTimeMillis();
                    long nanos = System.nanoTime();
                    if (!shownReported && !now.equals("none")) {
                        System.out.println("BENCH shown_from_jvm_ms=" + (millis - jvmStartMillis));
                        shownReported = true;
                    }
                    if (now.equals("Healthy")) {
                        System.out.println("BENCH healthy_from_jvm_ms=" + (millis - jvmStartMillis));
                        System.out.println("BENCH healthy_from_main_ms=" + (nanos - MAIN_NANOS) / 1_000_000);
                        System.out.println("BENCH first_search_ms=" + firstSearch());
                        System.out.flush();
                        if (Boolean.getBoolean("bench.exit")) {
                            System.exit(0); // an AOT training run writes its cache on a normal exit
                        }
                        Runtime.getRuntime().halt(0);
                    }
                    if (now.equals("Failed")) {
                        System.out.println("BENCH failed=1");
                        Runtime.getRuntime().halt(1);
                    }
                } catch (IllegalStateException notStartedYet) {
                    // toolkit not initialised yet
                } catch (Exception e) {
                    e.printStackTrace();
                    Runtime.getRuntime().halt(1);
                }
                sleep(2);
            }
        });
        app.alex.desktop.Launcher.main(new String[0]);
        watcher.interrupt();
    }

    /**
     * The session's first search, issued the moment the window says Healthy (the worst case: the
     * model is still loading in the background): opens Search, types a query, presses Enter and
     * waits until the status line reports the answer. Milliseconds from Enter to that answer.
     */
    private static long firstSearch() throws Exception {
        var answered = new CompletableFuture<String>();
        var start = new AtomicLong();
        Platform.runLater(() -> {
            Scene scene = Window.getWindows().stream().filter(Window::isShowing).findFirst().orElseThrow().getScene();
            ((javafx.scene.control.ButtonBase) scene.lookup("#nav-search")).fire();
            var field = (TextField) scene.lookup("#searchField");
            var status = (Label) scene.lookup("#searchStatus");
            status.textProperty().addListener((obs, was, text) -> answered.complete(text));
            field.setText("how are reinvested dividends taxed");
            start.set(System.nanoTime());
            Event.fireEvent(field, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        });
        String status = answered.get(60, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start.get()) / 1_000_000;
        if (!status.startsWith("No results") && !status.matches("\\d+ results? in .*")) {
            throw new IllegalStateException("first search: " + status);
        }
        return millis;
    }

    private static String windowState() {
        for (Window window : Window.getWindows()) {
            if (window.isShowing() && window.getScene() != null) {
                if (window.getScene().lookup("#statusHealth") instanceof Label health) {
                    return health.getText();
                }
                return "shown";
            }
        }
        return "none";
    }

    // ---------------------------------------------------------------- fixtures

    /** Overlapping windows of three sentences from the licence texts shipped with the OS. */
    static List<String> passages(int limit) throws IOException {
        var texts = new LinkedHashSet<String>();
        try (Stream<Path> files = Files.list(TEXT_SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        var passages = new LinkedHashSet<String>();
        for (String text : texts) {
            String[] sentences = text.replaceAll("\\s+", " ").split("(?<=[.;:!?])\\s+");
            List<String> usable = Stream.of(sentences).map(String::strip).filter(s -> s.split(" ").length >= 4).toList();
            for (int i = 0; i + 2 < usable.size(); i++) {
                String passage = String.join(" ", usable.subList(i, i + 3));
                if (passage.length() <= 900) {
                    passages.add(passage);
                }
            }
        }
        var list = new ArrayList<>(passages);
        java.util.Collections.shuffle(list, new Random(42));
        return List.copyOf(list.subList(0, Math.min(limit, list.size())));
    }

    private static void buildSearch(Path dir, int chunks) throws IOException {
        requireEmpty(dir);
        List<String> pool = passages(2500);
        long start = System.nanoTime();
        try (var backend = EmbeddedBackend.open(dir)) {
            List<float[]> poolVectors = new ArrayList<>();
            for (int i = 0; i < pool.size(); i += 64) {
                poolVectors.addAll(backend.embedder().embed(pool.subList(i, Math.min(pool.size(), i + 64))));
            }
            double embedSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "embedded %d distinct passages in %.1f s%n", pool.size(), embedSeconds);
            var random = new Random(7);
            int perDocument = 100;
            int documents = (chunks + perDocument - 1) / perDocument;
            Instant base = Instant.parse("2024-01-01T00:00:00Z");
            long indexStart = System.nanoTime();
            for (int d = 0; d < documents; d++) {
                int n = Math.min(perDocument, chunks - d * perDocument);
                String id = String.format(Locale.ROOT, "bench-%05d", d);
                var chunkRecords = new ArrayList<ChunkRecord>(n);
                var vectors = new ArrayList<float[]>(n);
                int offset = 0;
                for (int c = 0; c < n; c++) {
                    int p = random.nextInt(pool.size());
                    String text = pool.get(p);
                    chunkRecords.add(new ChunkRecord(id, c, text, 0, offset, offset + text.length(), text.split(" ").length * 4 / 3));
                    offset += text.length() + 1;
                    vectors.add(perturb(poolVectors.get(p), random, 0.3));
                }
                var document = new DocumentRecord(id, "Licence notes " + d, "/bench/licences/notes-" + d + ".txt",
                        DocumentType.DOCUMENT, List.of("BENCH", "T" + (d % 50)), base.plus(Duration.ofHours(d)),
                        base.plus(Duration.ofHours(d)), Integer.toHexString(d), n, offset, "text/plain", Map.of());
                backend.index().upsert(document, chunkRecords, vectors);
                if ((d + 1) % 100 == 0) {
                    System.out.printf(Locale.ROOT, "  %d documents, %d chunks, %.0f s%n", d + 1, (d + 1) * perDocument,
                            (System.nanoTime() - indexStart) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "built %s: %d chunks in %d documents in %.0f s (%.0f s embedding, %.0f s indexing)%n",
                    dir, chunks, documents, (System.nanoTime() - start) / 1e9, embedSeconds, (System.nanoTime() - indexStart) / 1e9);
        }
    }

    /** The vector plus isotropic Gaussian noise of about {@code noiseNorm}, renormalised to unit length. */
    static float[] perturb(float[] vector, Random random, double noiseNorm) {
        double sigma = noiseNorm / Math.sqrt(vector.length);
        float[] out = new float[vector.length];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] + random.nextGaussian() * sigma);
            norm += out[i] * out[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    /**
     * Small documents of one passage each. {@code LuceneVectorIndex.upsert} commits and reopens the
     * reader per document (~30 ms here, ~10 minutes for 20,000), so this writes the very same Lucene
     * documents (built by the index's own private builders, reached by reflection) and commits every
     * 1,000 documents instead. Vectors are random: the Library never searches.
     */
    private static void buildLibrary(Path dir, int documents) throws Exception {
        requireEmpty(dir);
        List<String> pool = passages(2500);
        var random = new Random(11);
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        long start = System.nanoTime();
        try (var backend = EmbeddedBackend.open(dir)) {
            var bulk = new BulkWriter(backend.index());
            for (int d = 0; d < documents; d++) {
                String id = String.format(Locale.ROOT, "lib-%05d", d);
                String text = pool.get(d % pool.size());
                String title = text.substring(0, Math.min(60, text.length())) + " (" + d + ")";
                float[] vector = new float[EmbeddedBackend.DIMENSION];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) random.nextGaussian();
                }
                var document = new DocumentRecord(id, title, "/bench/library/" + id + ".txt", DocumentType.DOCUMENT,
                        List.of("T" + (d % 40)), base.plus(Duration.ofHours(d)), base.plus(Duration.ofMinutes(d)),
                        Integer.toHexString(d), 1, text.length(), "text/plain", Map.of());
                bulk.add(document, List.of(new ChunkRecord(id, 0, text, 0, 0, text.length(), text.split(" ").length)),
                        List.of(perturb(vector, random, 0)));
                if ((d + 1) % 1000 == 0) {
                    bulk.commit();
                }
                if ((d + 1) % 5000 == 0) {
                    System.out.printf(Locale.ROOT, "  %d documents, %.0f s%n", d + 1, (System.nanoTime() - start) / 1e9);
                }
            }
            bulk.commit();
            System.out.println("index stats: " + backend.index().stats());
        }
        System.out.printf(Locale.ROOT, "built %s: %d documents in %.0f s%n", dir, documents, (System.nanoTime() - start) / 1e9);
    }

    /** Adds blocks to a LuceneVectorIndex's writer without a commit per document (fixtures only). */
    private static final class BulkWriter {
        private final Object index;
        private final org.apache.lucene.index.IndexWriter writer;
        private final java.lang.reflect.Method recordDocument;
        private final java.lang.reflect.Method chunkDocument;
        private final java.lang.reflect.Method toJson;
        private final java.lang.reflect.Method commit;

        BulkWriter(Object index) throws ReflectiveOperationException {
            this.index = index;
            Class<?> type = index.getClass();
            var field = type.getDeclaredField("writer");
            field.setAccessible(true);
            writer = (org.apache.lucene.index.IndexWriter) field.get(index);
            recordDocument = type.getDeclaredMethod("recordDocument", DocumentRecord.class, String.class);
            chunkDocument = type.getDeclaredMethod("chunkDocument", DocumentRecord.class, String.class, ChunkRecord.class, float[].class);
            toJson = type.getDeclaredMethod("toJson", DocumentRecord.class);
            commit = type.getDeclaredMethod("commit");
            for (var m : List.of(recordDocument, chunkDocument, toJson, commit)) {
                m.setAccessible(true);
            }
        }

        void add(DocumentRecord document, List<ChunkRecord> chunks, List<float[]> vectors) throws Exception {
            String record = (String) toJson.invoke(null, document);
            var block = new ArrayList<org.apache.lucene.document.Document>();
            block.add((org.apache.lucene.document.Document) recordDocument.invoke(null, document, record));
            for (int i = 0; i < chunks.size(); i++) {
                block.add((org.apache.lucene.document.Document) chunkDocument.invoke(index, document, record, chunks.get(i), vectors.get(i)));
            }
            writer.addDocuments(block);
        }

        void commit() throws Exception {
            commit.invoke(index);
        }
    }

    // ---------------------------------------------------------------- the workbench in process

    private record Running(Stage stage, Workbench workbench, BackendConnection connection, VirtualThreadTaskExecutor executor) {
    }

    private static Running open(Path dataDir) throws Exception {
        Platform.setImplicitExit(false);
        var started = new CompletableFuture<Void>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Path config = Files.createTempDirectory("alex-bench-config-");
        var settings = Settings.defaults().withBackend(new Settings.Backend(Settings.Mode.EMBEDDED, dataDir.toString(), "", "", ""));
        Running running = fx(() -> {
            Themes.apply(settings.theme(), null);
            var executor = new VirtualThreadTaskExecutor();
            var environment = app.alex.desktop.testing.TestWorkbench.environment(config);
            var connection = new BackendConnection(new DefaultBackendFactory(ResearcherFactory.standard(environment), environment),
                    executor);
            var workbench = new Workbench(new Workbench.Services(connection, executor, new SettingsStore(config),
                    FileDialogs.system(), uri -> new app.alex.desktop.ui.SystemOpener.Outcome.Opened(), environment));
            var scene = new Scene(workbench.root(), 980, 720); // like the TestFX tests: fits the 1000x1000 headless screen
            workbench.install(scene);
            var stage = new Stage();
            stage.setScene(scene);
            stage.show();
            workbench.start(settings);
            return new Running(stage, workbench, connection, executor);
        });
        waitUntil(60, () -> running.connection().healthProperty().get() == BackendConnection.Health.OK);
        return running;
    }

    static final List<String> QUERIES = List.of(
            "can I distribute modified copies of the program",
            "warranty disclaimer for the software",
            "patent license granted by contributors",
            "what happens if I violate the license terms",
            "source code must be made available",
            "linking a proprietary application with the library",
            "attribution notice in documentation",
            "termination of rights after breach",
            "sublicensing is not allowed",
            "license compatibility with later versions",
            "trademark rights are not granted",
            "conveying object code in physical product",
            "installation information for user products",
            "limitation of liability for damages",
            "derivative works based on the work",
            "invariant sections of the document",
            "charging a fee for copies",
            "public domain dedication waiver",
            "contributor grants copyright license",
            "interactive user interfaces display legal notices");
    static final List<String> WARMUP = List.of("license", "free software copying", "redistribution conditions");

    private static void search(Path dataDir, int count) throws Exception {
        Running app = open(dataDir);
        var model = app.workbench().search();
        fx(() -> {
            app.workbench().show(Screen.SEARCH);
            return null;
        });
        TextField field = fx(() -> (TextField) app.stage().getScene().lookup("#searchField"));
        var changedAt = new AtomicLong();
        var laidOutAt = new AtomicLong();
        Scene scene = app.stage().getScene();
        fx(() -> {
            model.results().addListener((ListChangeListener<Object>) c -> {
                if (!model.results().isEmpty() && changedAt.get() == 0) {
                    changedAt.set(System.nanoTime());
                }
            });
            scene.addPostLayoutPulseListener(() -> {
                if (changedAt.get() != 0 && laidOutAt.get() == 0) {
                    laidOutAt.set(System.nanoTime());
                }
            });
            return null;
        });
        List<Double> totals = new ArrayList<>();
        List<Double> modelTotals = new ArrayList<>();
        List<Double> backendMillis = new ArrayList<>();
        var queries = new ArrayList<String>(WARMUP);
        for (int i = 0; i < count; i++) {
            queries.add(QUERIES.get(i % QUERIES.size()));
        }
        for (int q = 0; q < queries.size(); q++) {
            String query = queries.get(q);
            fx(() -> {
                field.clear();
                return null;
            });
            waitUntil(5, () -> model.results().isEmpty() && !model.searchingProperty().get());
            sleep(400); // the clear's own debounce has fired
            changedAt.set(0);
            laidOutAt.set(0);
            long last = 0;
            for (int i = 0; i < query.length(); i++) {
                String ch = String.valueOf(query.charAt(i));
                last = fx(() -> {
                    type(field, ch);
                    return System.nanoTime();
                });
                if (i < query.length() - 1) {
                    sleep(50); // 20 keys per second: faster than the 250 ms pause, so only the last one searches
                }
            }
            waitUntil(30, () -> laidOutAt.get() != 0);
            if (!fx(field::getText).equals(query)) {
                throw new IllegalStateException("typed " + fx(field::getText) + " instead of " + query);
            }
            double total = (laidOutAt.get() - last) / 1e6;
            double toModel = (changedAt.get() - last) / 1e6;
            String status = fx(() -> model.statusProperty().get());
            var took = java.util.regex.Pattern.compile(" in (\\d+) ms").matcher(status);
            double backend = took.find() ? Double.parseDouble(took.group(1)) : Double.NaN;
            boolean warmup = q < WARMUP.size();
            System.out.printf(Locale.ROOT, "%s %-62s total %6.1f ms (list filled %6.1f ms), backend %4.0f ms, %s%n",
                    warmup ? "warm-up" : "query  ", '"' + query + '"', total, toModel, backend, status);
            if (!warmup) {
                totals.add(total);
                modelTotals.add(toModel);
                backendMillis.add(backend);
            }
        }
        double debounce = SearchViewModel.DEBOUNCE.toMillis();
        System.out.printf(Locale.ROOT, "keystroke to results (%d queries): total p50 %.0f ms, p95 %.0f ms, max %.0f ms;"
                        + " minus the %.0f ms pause p50 %.0f ms, p95 %.0f ms; list filled p50 %.0f ms; backend search p50 %.0f ms, p95 %.0f ms%n",
                totals.size(), percentile(totals, 50), percentile(totals, 95), max(totals), debounce,
                percentile(totals, 50) - debounce, percentile(totals, 95) - debounce, percentile(modelTotals, 50),
                percentile(backendMillis, 50), percentile(backendMillis, 95));
        printHeap();
        close(app);
    }

    /** One keystroke as the window would deliver it to the focused field: pressed, typed, released. */
    private static void type(TextField field, String ch) {
        KeyCode code = Character.isLetterOrDigit(ch.charAt(0)) ? KeyCode.getKeyCode(ch.toUpperCase(Locale.ROOT)) : KeyCode.SPACE;
        code = code == null ? KeyCode.UNDEFINED : code;
        Event.fireEvent(field, new KeyEvent(KeyEvent.KEY_PRESSED, KeyEvent.CHAR_UNDEFINED, ch, code, false, false, false, false));
        Event.fireEvent(field, new KeyEvent(KeyEvent.KEY_TYPED, ch, "", KeyCode.UNDEFINED, false, false, false, false));
        Event.fireEvent(field, new KeyEvent(KeyEvent.KEY_RELEASED, KeyEvent.CHAR_UNDEFINED, ch, code, false, false, false, false));
    }

    private static void library(Path dataDir) throws Exception {
        Running app = open(dataDir);
        var model = app.workbench().library();
        int expected = fx(() -> (int) app.connection().statsProperty().get().documents());
        var pages = new AtomicLong();
        var loadStarted = new AtomicLong();
        List<Double> pageMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        fx(() -> {
            model.loadingProperty().addListener((obs, was, now) -> {
                if (now) {
                    pages.incrementAndGet();
                    loadStarted.set(System.nanoTime());
                } else {
                    pageMillis.add((System.nanoTime() - loadStarted.get()) / 1e6);
                }
            });
            app.workbench().show(Screen.LIBRARY);
            return null;
        });
        waitUntil(30, () -> !model.documents().isEmpty() && !model.loadingProperty().get());
        @SuppressWarnings("unchecked")
        TableView<DocumentRecord> table = fx(() -> (TableView<DocumentRecord>) app.stage().getScene().lookup("#libraryTable"));
        VirtualFlow<?> flow = fx(() -> (VirtualFlow<?>) table.lookup(".virtual-flow"));
        long pagesBefore = pages.get();
        var done = new CompletableFuture<Long>();
        List<Double> frames = new ArrayList<>();
        List<Double> layouts = new ArrayList<>();
        var preLayout = new AtomicLong();
        Scene scene = app.stage().getScene();
        long[] stalledFrames = {0};
        double[] viewport = new double[1];
        long start = fx(() -> {
            viewport[0] = flow.getHeight();
            scene.addPreLayoutPulseListener(() -> preLayout.set(System.nanoTime()));
            scene.addPostLayoutPulseListener(() -> {
                if (preLayout.get() != 0 && !done.isDone()) {
                    layouts.add((System.nanoTime() - preLayout.get()) / 1e6);
                }
            });
            new AnimationTimer() {
                long previous;

                @Override
                public void handle(long now) {
                    if (previous != 0) {
                        frames.add((now - previous) / 1e6);
                    }
                    previous = now;
                    var lastCell = flow.getLastVisibleCell();
                    int size = model.documents().size();
                    if (!model.hasMoreProperty().get() && lastCell != null && lastCell.getIndex() >= size - 1) {
                        stop();
                        done.complete(System.nanoTime());
                        return;
                    }
                    if (lastCell != null && lastCell.getIndex() >= size - 1) {
                        stalledFrames[0]++; // at the end of what is loaded: waiting for the next page
                    }
                    flow.scrollPixels(viewport[0]); // one screenful per frame (Page Down held / a fast fling)
                }
            }.start();
            return System.nanoTime();
        });
        long end = done.get(15, TimeUnit.MINUTES);
        int rows = fx(() -> model.documents().size());
        int firstVisible = fx(() -> flow.getFirstVisibleCell().getIndex());
        System.out.printf(Locale.ROOT, "library scroll: %d of %d documents, top to bottom (first visible row at the end %d) in %.1f s;"
                        + " %d frames, frame interval p50 %.1f ms, p99 %.1f ms, max %.1f ms; CSS+layout per pulse p50 %.1f ms, p99 %.1f ms;"
                        + " %d pages of %d fetched while scrolling (+1 on open), page fetch p50 %.0f ms, p99 %.0f ms; %d frames waiting for a page;"
                        + " viewport %.0f px%n",
                rows, expected, firstVisible, (end - start) / 1e9, frames.size(), percentile(frames, 50), percentile(frames, 99),
                max(frames), percentile(layouts, 50), percentile(layouts, 99), pages.get() - pagesBefore,
                LibraryViewModel.DEFAULT_PAGE_SIZE, percentile(pageMillis, 50), percentile(pageMillis, 99), stalledFrames[0], viewport[0]);
        printHeap();
        close(app);
    }

    // ---------------------------------------------------------------- helpers

    private static void close(Running app) throws Exception {
        fx(() -> {
            app.stage().hide();
            return null;
        });
        app.connection().close();
        app.executor().close();
        Platform.exit();
        System.exit(0);
    }

    private static void printHeap() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "heap after GC: %d MB used, %d MB committed, max %d MB%n",
                heap.getUsed() >> 20, heap.getCommitted() >> 20, heap.getMax() >> 20);
    }

    static <T> T fx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + seconds + " s");
            }
            sleep(1);
        }
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(dir + " is not empty; delete it first");
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp folder
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        var sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
