package app.alex.benchmarks.embedding;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.chunk.TextChunk;
import app.alex.core.embed.Vectors;
import app.alex.core.extract.FileExtractor;
import app.alex.minilm.MiniLmEmbedder;
import app.alex.minilm.MiniLmTokenizer;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Embedding throughput, side by side in one run: langchain4j's {@code embedAll}, a correct
 * one-text-at-a-time 256-piece baseline (the fp32 reference), and Alex's batched MiniLmEmbedder,
 * on chunks of real prose cut by Alex's chunker. Usage: EmbeddingThroughput FOLDER [N].
 */
public final class EmbeddingThroughput {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        var tokenizer = MiniLmTokenizer.load();
        var chunker = new SentenceChunker(tokenizer);
        var extractor = new FileExtractor();
        var longChunks = new ArrayList<String>();
        var shortChunks = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                for (TextChunk chunk : chunker.chunk(extractor.extract(file).text())) {
                    if (chunk.tokenCount() >= 150 && longChunks.size() < n) {
                        longChunks.add(chunk.text());
                    } else if (chunk.tokenCount() >= 60 && chunk.tokenCount() <= 126 && shortChunks.size() < n) {
                        shortChunks.add(chunk.text());
                    }
                }
                if (longChunks.size() >= n && shortChunks.size() >= n) {
                    break;
                }
            }
        }
        var ours = MiniLmEmbedder.load();
        var oneAtATime = MiniLmEmbedder.load(new MiniLmEmbedder.Options(Runtime.getRuntime().availableProcessors(), 1));
        var langchain4j = new AllMiniLmL6V2EmbeddingModel();
        var quantized = MiniLmEmbedder.load("/all-minilm-l6-v2-q.onnx", MiniLmEmbedder.Options.defaults());
        Function<List<String>, List<float[]>> l4j = texts -> langchain4j.embedAll(texts.stream().map(TextSegment::from).toList())
                .content().stream().map(e -> e.vector()).toList();

        for (var set : List.of(new Object[]{"150-254 word pieces", longChunks}, new Object[]{"60-126 word pieces", shortChunks})) {
            @SuppressWarnings("unchecked") List<String> texts = (List<String>) set[1];
            System.out.printf(Locale.ROOT, "%n%d chunks of %s (mean %.0f pieces)%n", texts.size(), set[0],
                    texts.stream().mapToInt(t -> tokenizer.tokenize(t).size()).average().orElse(0));
            List<float[]> reference = oneAtATime.embed(texts.subList(0, 16)); // warm-up
            reference = measure("reference: Alex ONNX, one text at a time (fp32, 256)", texts, oneAtATime::embed, null);
            measure("langchain4j AllMiniLmL6V2EmbeddingModel.embedAll", texts, l4j, reference);
            measure("Alex MiniLmEmbedder (default options)", texts, ours::embed, reference);
            measure("Alex MiniLmEmbedder, int8 model (-q)", texts, quantized::embed, reference);
            // -Dvariants=THREADS:BATCH_TOKENS:PARALLEL_CALLS,... e.g. 1:1024:2 (two one-core calls at once)
            for (String v : System.getProperty("variants", "").split(",")) {
                if (!v.isBlank()) {
                    String[] p = v.strip().split(":");
                    var options = new MiniLmEmbedder.Options(Integer.parseInt(p[0]), 16, Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                    var variant = MiniLmEmbedder.load(options);
                    measure("Alex MiniLmEmbedder, " + options, texts, variant::embed, reference);
                    variant.close();
                    if (p.length > 3) {
                        var q = MiniLmEmbedder.load("/all-minilm-l6-v2-q.onnx", options);
                        measure("Alex MiniLmEmbedder, int8 model (-q), " + options, texts, q::embed, reference);
                        q.close();
                    }
                }
            }
            for (String b : System.getProperty("batches", "").split(",")) {
                if (!b.isBlank()) {
                    var variant = MiniLmEmbedder.load(new MiniLmEmbedder.Options(Runtime.getRuntime().availableProcessors(),
                            Integer.parseInt(b.strip())));
                    measure("Alex MiniLmEmbedder, batches of " + b.strip(), texts, variant::embed, reference);
                    variant.close();
                }
            }
        }
    }

    private static List<float[]> measure(String name, List<String> texts, Function<List<String>, List<float[]>> embed,
                                         List<float[]> reference) {
        embed.apply(texts.subList(0, Math.min(16, texts.size()))); // warm-up
        long start = System.nanoTime();
        List<float[]> vectors = embed.apply(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        String quality = "";
        if (reference != null) {
            double min = 1;
            for (int i = 0; i < texts.size(); i++) {
                min = Math.min(min, Vectors.cosine(vectors.get(i), reference.get(i)));
            }
            quality = String.format(Locale.ROOT, "  min cosine vs reference %.4f", min);
        }
        System.out.printf(Locale.ROOT, "  %-55s %7.1f chunks/s%s%n", name, texts.size() / seconds, quality);
        return vectors;
    }
}
