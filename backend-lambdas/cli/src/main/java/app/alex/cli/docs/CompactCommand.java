package app.alex.cli.docs;

import app.alex.cli.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code alex compact}: after a large ingest, merge the index so searches walk one graph. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Merge the knowledge base's index into one segment for the fastest searches.",
                "Worth it after ingesting many documents; takes seconds to minutes, searches keep working."})
public final class CompactCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (var backend = Backends.openEmbedded(spec, "compact")) {
            long start = System.nanoTime();
            backend.index().compact();
            var stats = backend.knowledgeBase().stats();
            out.printf("Compacted %,d documents (%,d passages) in %.1f s.%n", stats.documents(), stats.chunks(),
                    (System.nanoTime() - start) / 1e9);
            out.flush();
            return 0;
        }
    }
}
