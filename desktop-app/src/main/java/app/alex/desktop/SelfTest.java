package app.alex.desktop;

import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.search.SearchRequest;
import app.alex.embedded.EmbeddedBackend;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code Alex --self-test}: proves an installation works without a display. Opens a fresh
 * embedded knowledge base in a temporary folder (the bundled model, the Lucene index), ingests a
 * small file, searches it, removes the folder and exits 0; any failure exits 1 with the reason.
 * The packaging smoke test runs the installed launcher this way.
 */
public final class SelfTest {
    private SelfTest() {
    }

    public static int run(PrintStream out) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("alex-self-test");
            Path note = Files.writeString(dir.resolve("note.md"), "# Self-test\n\nReinvested dividends are taxable in the "
                    + "year they are paid, and each reinvestment starts a new tax lot.\n");
            try (var backend = EmbeddedBackend.open(dir.resolve("data"))) {
                var summary = backend.ingest().ingestPaths(List.of(note), IngestOptions.DEFAULTS, IngestListener.NONE);
                if (summary.count(IngestStatus.CREATED) != 1) {
                    out.println("self-test: FAILED: the note was not stored");
                    return 1;
                }
                var hits = backend.knowledgeBase().search(SearchRequest.of("how are reinvested dividends taxed", 1)).results();
                if (hits.isEmpty() || !hits.getFirst().source().endsWith("note.md")) {
                    out.println("self-test: FAILED: search did not find the note");
                    return 1;
                }
                out.printf("self-test: OK (model %s, %d dimensions; ingested 1 file; top hit %.3f)%n",
                        backend.embedder().modelId(), backend.embedder().dimension(), hits.getFirst().score());
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            out.println("self-test: FAILED: " + e);
            return 1;
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }
}
