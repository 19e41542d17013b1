package app.alex.benchmarks.embedding;

import app.alex.core.embed.Vectors;
import app.alex.minilm.Int8Check;
import app.alex.minilm.MiniLmEmbedder;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How each int8 scheme's vectors compare with fp32 on this CPU: the {@link Int8Check} calibration
 * passages (what Alex measures at start), then, given a folder of HTML, the worst cosine over
 * {@code N} long and {@code N} short chunks of it. Meant to be run natively and under an emulated
 * CPU ({@code qemu-x86_64 -cpu Haswell java ...}), where speed means nothing but the vectors are
 * the CPU's. Usage: Int8SchemeCheck [FOLDER N].
 */
public final class Int8SchemeCheck {

    public static void main(String[] args) throws Exception {
        System.out.println("CPU: " + Int8Check.cpuName());
        var fp32 = MiniLmEmbedder.load(MiniLmEmbedder.Precision.FP32, MiniLmEmbedder.Options.defaults());
        List<List<String>> prose = args.length > 1 ? EmbeddingThroughput.prose(Path.of(args[0]), Integer.parseInt(args[1])) : List.of();
        List<List<float[]>> reference = prose.stream().map(fp32::embed).toList();
        for (var precision : List.of(MiniLmEmbedder.Precision.INT8, MiniLmEmbedder.Precision.INT8_UNSIGNED)) {
            try (var int8 = MiniLmEmbedder.load(precision, MiniLmEmbedder.Options.defaults())) {
                Int8Check.Verdict verdict = Int8Check.run(fp32, int8);
                System.out.printf(Locale.ROOT, "%-14s calibration passages' worst cosine %.4f (%s)%n", precision,
                        verdict.worstCosine(), verdict.usable() ? "holds the bar" : "below the bar");
                for (int set = 0; set < prose.size(); set++) {
                    List<float[]> vectors = int8.embed(prose.get(set));
                    double worst = 1;
                    double sum = 0;
                    for (int i = 0; i < vectors.size(); i++) {
                        double cosine = Vectors.cosine(vectors.get(i), reference.get(set).get(i));
                        worst = Math.min(worst, cosine);
                        sum += cosine;
                    }
                    System.out.printf(Locale.ROOT, "%-14s %d %s chunks: worst %.4f, mean %.4f%n", precision, vectors.size(),
                            set == 0 ? "long" : "short", worst, sum / vectors.size());
                }
            }
        }
    }
}
