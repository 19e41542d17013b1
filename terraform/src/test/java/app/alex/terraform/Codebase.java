package app.alex.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java code the Terraform deploys, read as source: Maven modules under backend-lambdas,
 * which app.alex modules a deployable packages, and the main sources of each.
 */
final class Codebase {

    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>(alex-[a-z0-9-]+)</artifactId>");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private final Path backend;
    private final Map<String, Path> modulesByArtifact = new LinkedHashMap<>();

    Codebase(Path repoRoot) {
        this.backend = repoRoot.resolve("backend-lambdas");
        try (Stream<Path> dirs = Files.list(backend)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().forEach(d -> {
                Matcher m = ARTIFACT_ID.matcher(withoutParent(read(d.resolve("pom.xml"))));
                if (m.find()) modulesByArtifact.put(m.group(1), d);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Codebase here() {
        return new Codebase(Hcl.repoRoot());
    }

    Path module(String dirName) {
        return backend.resolve(dirName);
    }

    /** The module and every app.alex module it depends on at compile/runtime scope, transitively. */
    Set<Path> packagedModules(String dirName) {
        Set<Path> seen = new LinkedHashSet<>();
        Deque<Path> todo = new ArrayDeque<>(List.of(module(dirName)));
        while (!todo.isEmpty()) {
            Path dir = todo.pop();
            if (!seen.add(dir)) continue;
            Matcher dep = DEPENDENCY.matcher(read(dir.resolve("pom.xml")));
            while (dep.find()) {
                String body = dep.group(1);
                if (body.contains("<scope>test</scope>") || body.contains("<scope>provided</scope>") || body.contains("<type>test-jar</type>")) continue;
                Matcher id = ARTIFACT_ID.matcher(body);
                if (id.find() && modulesByArtifact.containsKey(id.group(1))) todo.push(modulesByArtifact.get(id.group(1)));
            }
        }
        return seen;
    }

    /** Main Java sources of the modules, path -> text without comments. */
    Map<Path, String> mainSources(Set<Path> modules) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path dir : modules) {
            Path src = dir.resolve("src/main/java");
            if (!Files.isDirectory(src)) continue;
            try (Stream<Path> files = Files.walk(src)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> out.put(f, withoutComments(read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Every string literal in the sources that matches the pattern. */
    static Set<String> stringLiterals(Map<Path, String> sources, Pattern wanted) {
        Set<String> out = new TreeSet<>();
        sources.values().forEach(text -> {
            Matcher m = STRING_LITERAL.matcher(text);
            while (m.find()) {
                if (wanted.matcher(m.group(1)).matches()) out.add(m.group(1));
            }
        });
        return out;
    }

    /** The source with comments removed; string, char and text-block literals kept as they are. */
    static String withoutComments(String java) {
        StringBuilder out = new StringBuilder(java.length());
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                while (i < n && java.charAt(i) != '\n') i++;
            } else if (java.startsWith("/*", i)) {
                int close = java.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                out.append(' ');
            } else if (java.startsWith("\"\"\"", i)) {
                int close = java.indexOf("\"\"\"", i + 3);
                int stop = close < 0 ? n : close + 3;
                out.append(java, i, stop);
                i = stop;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && java.charAt(j) != c && java.charAt(j) != '\n') j += java.charAt(j) == '\\' ? 2 : 1;
                int stop = Math.min(n, j + 1);
                out.append(java, i, stop);
                i = stop;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The source with the contents of string and char literals blanked (for finding calls, not text). */
    static String withoutStringContents(String java) {
        Matcher m = STRING_LITERAL.matcher(java);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("\"" + " ".repeat(m.group(1).length()) + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withoutParent(String pom) {
        return pom.replaceAll("(?s)<parent>.*?</parent>", "").replaceAll("(?s)<dependencies>.*", "");
    }
}
