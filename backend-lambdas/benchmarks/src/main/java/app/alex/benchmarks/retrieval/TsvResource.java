package app.alex.benchmarks.retrieval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of a tab-separated question set on the class path; blank lines and {@code #} comments are skipped. */
final class TsvResource {
    private TsvResource() {
    }

    static List<List<String>> rows(String resource) {
        var stream = TsvResource.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("question set not on the class path: " + resource);
        }
        var rows = new ArrayList<List<String>>();
        try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(Arrays.stream(line.split("\t")).map(String::strip).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
        return rows;
    }
}
