package app.alex.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Terraform configuration as HashiCorp's HCL parser sees it: every .tf file of terraform/
 * run through {@code @cdktf/hcl2json} (terraform/test/hcl2json.js, on Node) and read as JSON.
 * Blocks come out as lists ({@code resource.<type>.<name>[0]}), expressions as "${...}" strings.
 */
final class Hcl {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(.*)}", Pattern.DOTALL);
    private static Hcl all;

    private final Map<String, JsonNode> files;

    private Hcl(Map<String, JsonNode> files) {
        this.files = files;
    }

    /** All .tf files, parsed once per test run. */
    static synchronized Hcl all() {
        if (all == null) {
            all = new Hcl(parse(tfFiles()));
        }
        return all;
    }

    /** The terraform/ folder (Maven runs the tests with it as the working directory). */
    static Path terraformDir() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("versions.tf"))) {
            dir = dir.resolve("terraform");
        }
        if (!Files.isRegularFile(dir.resolve("versions.tf"))) {
            throw new IllegalStateException("Cannot find terraform/versions.tf from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path repoRoot() {
        return terraformDir().getParent();
    }

    static List<Path> tfFiles() {
        try (Stream<Path> listing = Files.list(terraformDir())) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the files with the real HCL parser. Fails with what to do when Node or the npm
     * package is missing, and with the parser's message (file, line, column) on a syntax error.
     */
    static Map<String, JsonNode> parse(List<Path> files) {
        Path testDir = terraformDir().resolve("test");
        if (!Files.isDirectory(testDir.resolve("node_modules/@cdktf/hcl2json"))) {
            throw new AssertionError("The HCL parser is not installed: run npm ci in terraform/test "
                    + "(cd terraform/test && npm ci); .ci/run does this before the build.");
        }
        List<String> command = new ArrayList<>(List.of("node", testDir.resolve("hcl2json.js").toString()));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(testDir.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start node (" + e.getMessage() + "): install Node.js 18+ and run npm ci in terraform/test", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("hcl2json.js did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("HCL parse failed (exit " + process.exitValue() + "): " + err.join().strip());
            }
            JsonNode parsed = JSON.readTree(out);
            Map<String, JsonNode> byFile = new LinkedHashMap<>();
            parsed.properties().forEach(e -> byFile.put(e.getKey(), e.getValue()));
            return byFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while parsing HCL", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, JsonNode> files() {
        return files;
    }

    /** {@code <name> -> first block} of every resource of the type, across all files. */
    Map<String, JsonNode> resources(String type) {
        return blocks("resource", type);
    }

    JsonNode resource(String type, String name) {
        JsonNode block = resources(type).get(name);
        if (block == null) {
            throw new AssertionError("No resource " + type + "." + name + " in terraform/*.tf");
        }
        return block;
    }

    Map<String, JsonNode> data(String type) {
        return blocks("data", type);
    }

    Map<String, JsonNode> variables() {
        return labelled("variable");
    }

    Map<String, JsonNode> outputs() {
        return labelled("output");
    }

    /** All locals blocks merged into one object. */
    ObjectNode locals() {
        ObjectNode merged = JSON.createObjectNode();
        files.values().forEach(file -> file.path("locals").forEach(block -> merged.setAll((ObjectNode) block)));
        return merged;
    }

    JsonNode local(String name) {
        JsonNode value = locals().get(name);
        if (value == null) {
            throw new AssertionError("No local." + name + " in terraform/*.tf");
        }
        return value;
    }

    List<JsonNode> terraformBlocks() {
        List<JsonNode> blocks = new ArrayList<>();
        files.values().forEach(file -> file.path("terraform").forEach(blocks::add));
        return blocks;
    }

    private Map<String, JsonNode> labelled(String kind) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        files.values().forEach(file -> file.path(kind).properties().forEach(e -> out.put(e.getKey(), e.getValue().get(0))));
        return out;
    }

    private Map<String, JsonNode> blocks(String kind, String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        files.values().forEach(file -> file.path(kind).path(type).properties().forEach(e -> out.put(e.getKey(), e.getValue().get(0))));
        return out;
    }

    /** The first block of a nested block list, e.g. {@code block(lambda, "snap_start")}. */
    static JsonNode block(JsonNode parent, String name) {
        JsonNode list = parent.path(name);
        if (!list.isArray() || list.isEmpty()) {
            throw new AssertionError("No " + name + " block in " + parent);
        }
        return list.get(0);
    }

    /** Statements of an aws_iam_policy_document, including those of dynamic "statement" blocks. */
    static List<JsonNode> statements(JsonNode policyDocument) {
        List<JsonNode> out = new ArrayList<>();
        policyDocument.path("statement").forEach(out::add);
        policyDocument.path("dynamic").path("statement").forEach(d -> d.path("content").forEach(out::add));
        return out;
    }

    /** The expression inside "${...}", or null when the value is a literal. */
    static String expression(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        Matcher m = REFERENCE.matcher(value.asText());
        return m.matches() ? m.group(1).strip() : null;
    }
}
