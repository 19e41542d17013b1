package app.alex.benchmarks.embedding;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.chunk.TextChunk;
import app.alex.core.embed.Vectors;
import app.alex.core.extract.FileExtractor;
import app.alex.minilm.MiniLmEmbedder;
import app.alex.minilm.MiniLmTokenizer;
import dev.langchain4j.data.segment.TextSegment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Embedding throughput, side by side in one run: langchain4j's {@code embedAll} (as shipped, and
 * reading the same 256-piece window), Alex's batched MiniLmEmbedder in fp32 and int8, on chunks of
 * real prose cut by Alex's chunker; every vector is compared with the fp32 reference (Alex's ONNX
 * session, one text at a time). Usage: EmbeddingThroughput FOLDER [N], -Drounds=3.
 */
public final class EmbeddingThroughput {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        var tokenizer = MiniLmTokenizer.load();
        List<List<String>> prose = prose(folder, n);
        List<String> longChunks = prose.get(0);
        List<String> shortChunks = prose.get(1);
        var oneAtATime = MiniLmEmbedder.load(new MiniLmEmbedder.Options(Runtime.getRuntime().availableProcessors(), 1));
        var langchain4j = new AllMiniLmL6V2EmbeddingModel();
        var langchain4jFull = fullWindowLangchain4j();
        var implementations = new LinkedHashMap<String, Function<List<String>, List<float[]>>>();
        implementations.put("langchain4j AllMiniLmL6V2EmbeddingModel.embedAll (as shipped)", l4j(langchain4j));
        implementations.put("langchain4j embedAll, same model, 256-piece window", l4j(langchain4jFull));
        implementations.put("Alex MiniLmEmbedder fp32 (default)", MiniLmEmbedder.load()::embed);
        implementations.put("Alex MiniLmEmbedder int8 (Precision.INT8)",
                MiniLmEmbedder.load(MiniLmEmbedder.Precision.INT8, MiniLmEmbedder.Options.defaults())::embed);
        implementations.put("Alex pipeline with langchain4j's int8 model (-q)",
                MiniLmEmbedder.load("/all-minilm-l6-v2-q.onnx", MiniLmEmbedder.Options.defaults())::embed);
        // -Dvariants=THREADS:BATCH_TOKENS:PARALLEL_CALLS[:fp32|int8|int8_reduced_range],... e.g. 1:1024:2 (two one-core calls at once)
        for (String v : System.getProperty("variants", "").split(",")) {
            if (!v.isBlank()) {
                String[] p = v.strip().split(":");
                var options = new MiniLmEmbedder.Options(Integer.parseInt(p[0]), 16, Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                var precision = p.length > 3 ? MiniLmEmbedder.Precision.valueOf(p[3].toUpperCase(java.util.Locale.ROOT)) : MiniLmEmbedder.Precision.FP32;
                implementations.put("Alex " + precision + " " + options, MiniLmEmbedder.load(precision, options)::embed);
            }
        }
        // -Dmodels=/resource.onnx,... other builds of the model on the classpath, with the default options
        for (String m : System.getProperty("models", "").split(",")) {
            if (!m.isBlank()) {
                implementations.put("Alex pipeline, " + m.strip(), MiniLmEmbedder.load(m.strip(), MiniLmEmbedder.Options.defaults())::embed);
            }
        }
        int rounds = Integer.getInteger("rounds", 3);

        for (var set : List.of(new Object[]{"150-254 word pieces", longChunks}, new Object[]{"60-126 word pieces", shortChunks})) {
            @SuppressWarnings("unchecked") List<String> texts = (List<String>) set[1];
            System.out.printf(Locale.ROOT, "%n%d chunks of %s (mean %.0f pieces); median of %d interleaved rounds%n", texts.size(),
                    set[0], texts.stream().mapToInt(t -> tokenizer.tokenize(t).size()).average().orElse(0), rounds);
            oneAtATime.embed(texts.subList(0, 16)); // warm-up
            List<float[]> reference = oneAtATime.embed(texts);
            var rates = new LinkedHashMap<String, List<Double>>();
            var worst = new LinkedHashMap<String, Double>();
            // Interleaved rounds: a slow spell of the machine hits every implementation alike.
            for (int round = 0; round < rounds; round++) {
                for (var entry : implementations.entrySet()) {
                    var embed = entry.getValue();
                    embed.apply(texts.subList(0, Math.min(16, texts.size()))); // warm-up
                    long start = System.nanoTime();
                    List<float[]> vectors = embed.apply(texts);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(texts.size() / seconds);
                    double min = 1;
                    for (int i = 0; i < texts.size(); i++) {
                        min = Math.min(min, Vectors.cosine(vectors.get(i), reference.get(i)));
                    }
                    worst.put(entry.getKey(), min);
                }
            }
            for (var entry : rates.entrySet()) {
                List<Double> r = entry.getValue().stream().sorted().toList();
                System.out.printf(Locale.ROOT, "  %-66s %7.1f chunks/s (runs %s)  min cosine vs fp32 reference %.4f%n",
                        entry.getKey(), r.get(r.size() / 2),
                        r.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList(), worst.get(entry.getKey()));
            }
        }
    }

    /**
     * Up to {@code n} long chunks (150-254 word pieces) and {@code n} short ones (60-126) of the HTML
     * files under {@code folder}, in file order, cut by Alex's chunker.
     */
    static List<List<String>> prose(Path folder, int n) throws java.io.IOException {
        var chunker = new SentenceChunker(MiniLmTokenizer.load());
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
        return List.of(longChunks, shortChunks);
    }

    private static Function<List<String>, List<float[]>> l4j(dev.langchain4j.model.embedding.EmbeddingModel model) {
        return texts -> model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream().map(e -> e.vector()).toList();
    }

    /**
     * langchain4j's own ONNX embedding code with the same model, reading the same 256-piece window as
     * sentence-transformers and Alex: the model's bundled tokenizer.json truncates at 128 pieces, so the
     * stock {@code AllMiniLmL6V2EmbeddingModel} does half the work on long chunks (and returns other vectors).
     */
    private static OnnxEmbeddingModel fullWindowLangchain4j() throws Exception {
        Path dir = Files.createTempDirectory("l4j-minilm");
        Path model = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        try (InputStream in = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, model);
        }
        var json = new ObjectMapper();
        ObjectNode config;
        try (InputStream in = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            config = (ObjectNode) json.readTree(in);
        }
        ((ObjectNode) config.get("truncation")).put("max_length", 256);
        config.putNull("padding");
        json.writeValue(tokenizer.toFile(), config);
        return new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN);
    }
}
