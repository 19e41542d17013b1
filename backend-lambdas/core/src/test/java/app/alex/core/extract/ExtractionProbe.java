package app.alex.core.extract;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark helper, run by hand: extracts one file and prints pages, characters, time and the
 * peak heap. Run with a small -Xmx to show a long PDF extracts in bounded memory, e.g.
 * {@code java -Xmx32m -cp <core classes, test classes, test classpath> app.alex.core.extract.ExtractionProbe report.pdf}
 * (a report can be written with {@link SamplePdfs#main}; given a missing .pdf path and a page
 * count, this writes one first).
 */
public final class ExtractionProbe {
    private ExtractionProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        if (!Files.exists(file) && args.length > 1) {
            SamplePdfs.writeReport(file, Integer.parseInt(args[1]));
        }
        long start = System.nanoTime();
        ExtractedDocument doc = new FileExtractor().extract(file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("file=%s bytes=%d pages=%d chars=%d time=%d ms heap peak (sum of pools)=%d MiB max heap=%d MiB%n",
                file.getFileName(), Files.size(file), doc.pages().size(), doc.text().length(), millis, peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
