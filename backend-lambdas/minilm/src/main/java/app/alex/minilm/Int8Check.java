package app.alex.minilm;

import app.alex.core.embed.Embedder;
import app.alex.core.embed.Vectors;

import java.util.List;
import java.util.Locale;

/**
 * Whether the int8 model keeps its promise on this CPU. ONNX Runtime's int8 kernels differ by CPU:
 * with AVX-512 VNNI the worst vector of long prose stays at cosine 0.994 of fp32, on an AVX2-only CPU
 * without VNNI the u8s8 products saturate and it fell to 0.980 (BENCHMARKS.md). So int8 is not
 * trusted by CPU kind: it is measured, on this machine, against fp32 over a fixed set of passages
 * (long and short prose, figures, a table row), and used only if every one of them holds
 * {@link #CALIBRATION_BAR}, a margin above {@link #MIN_COSINE}: a handful of passages is not every
 * passage. On this AVX-512 VNNI machine their worst is 0.9939 while 512 chunks of the Python reference
 * reach 0.9924; under an emulated AVX2-only CPU (QEMU, Haswell) their worst is 0.9918, while a real
 * AVX2 machine measured 0.980 on long passages. 0.993 keeps int8 where it held on every set measured and
 * turns it off where it did not (BENCHMARKS.md, "Embedding throughput"). Where the signed scheme
 * fails, the knowledge base measures {@link MiniLmEmbedder.Precision#INT8_UNSIGNED} next, whose
 * products cannot saturate, and only then falls back to fp32.
 */
public final class Int8Check {
    /** Every int8 vector must be this close to the fp32 one. */
    public static final double MIN_COSINE = 0.99;
    /** What the calibration passages' worst vector must hold for {@link #MIN_COSINE} to hold on other passages. */
    public static final double CALIBRATION_BAR = 0.993;

    /** Passages of the kinds Alex embeds: long prose (past the 256-piece window), short sentences, figures. */
    static final List<String> CALIBRATION = List.of("""
            The company reported fourth-quarter revenue that exceeded the guidance it had given in November, driven by
            demand for accelerated computing platforms from cloud service providers and large consumer internet
            companies. Data-center revenue rose more than four times from a year earlier, while gaming revenue grew
            modestly as channel inventories normalised after a difficult year. Gross margin expanded on a more
            favourable mix and lower inventory provisions, partly offset by higher costs for new product ramps.
            Operating expenses increased as the company continued to hire engineers and invest in compute
            infrastructure. Management said supply of its newest systems would remain constrained for several
            quarters, and that export restrictions to certain regions reduced sales there, though other regions more
            than offset the decline. For the coming quarter the company guided to further sequential growth, with
            gross margins expected in the low to mid seventies and operating expenses rising in the mid single digits
            as the company ramps production of its next platform and expands its software and services offerings.""",
            """
            The Company’s business, reputation, results of operations, financial condition and stock price can be
            affected by a number of factors, whether currently known or unknown, including those described below.
            The Company depends on component and product manufacturing and logistical services provided by outsourcing
            partners, many of which are located outside of the U.S. Substantially all of the Company’s manufacturing is
            performed in whole or in part by outsourcing partners located primarily in China mainland, India, Japan,
            South Korea, Taiwan and Vietnam, and a significant concentration of this manufacturing is currently
            performed by a small number of outsourcing partners, often in single locations. Changes or additions to the
            Company’s supply chain require considerable time and resources and involve significant risks.""",
            "A man is eating food.",
            "The board approved a special dividend of $1.25 per share, payable in March.",
            "Gross margin fell 240 basis points on higher freight costs and an unfavourable mix.",
            "The covenant requires net debt to EBITDA below 3.5x, tested quarterly.",
            "Total net sales — 2024: $391,035; Change: 2%; 2023: $383,285; Change: (3)%; 2022: $394,328");

    /** The outcome on this machine: usable or not, the worst cosine measured, the CPU and the int8 scheme measured. */
    public record Verdict(boolean usable, double worstCosine, String cpu, MiniLmEmbedder.Precision precision) {
        public String describe() {
            return String.format(Locale.ROOT, "int8 embeddings (%s weights) %s on this CPU (%s): worst cosine %.4f against fp32, %s %.3f",
                    precision == MiniLmEmbedder.Precision.INT8_UNSIGNED ? "unsigned" : "signed",
                    usable ? "hold" : "do not hold", cpu, worstCosine, usable ? "at least" : "below", CALIBRATION_BAR);
        }
    }

    /** The int8 schemes in the order they are measured: signed weights are the fastest where they hold. */
    public static final List<MiniLmEmbedder.Precision> SCHEMES =
            List.of(MiniLmEmbedder.Precision.INT8, MiniLmEmbedder.Precision.INT8_UNSIGNED);

    /** What {@link #choose} settled on: the embedder to use (the fp32 one when no scheme held) and each verdict, in order. */
    public record Choice<E extends Embedder>(E embedder, List<Verdict> verdicts) {
        public boolean int8() {
            return !verdicts.isEmpty() && verdicts.getLast().usable();
        }
    }

    private Int8Check() {
    }

    /**
     * Measures each scheme in turn against {@code fp32} and keeps the first that holds; one that does
     * not is closed before the next is loaded. No scheme holding means {@code fp32} itself.
     */
    public static <E extends Embedder> Choice<E> choose(E fp32, List<MiniLmEmbedder.Precision> schemes,
                                                        java.util.function.Function<MiniLmEmbedder.Precision, E> load) {
        var verdicts = new java.util.ArrayList<Verdict>();
        for (MiniLmEmbedder.Precision scheme : schemes) {
            E int8 = load.apply(scheme);
            Verdict verdict = run(fp32, int8, scheme);
            verdicts.add(verdict);
            if (verdict.usable()) {
                return new Choice<>(int8, List.copyOf(verdicts));
            }
            int8.close();
        }
        return new Choice<>(fp32, List.copyOf(verdicts));
    }

    /** Embeds the calibration passages with both models and compares every vector. */
    public static Verdict run(Embedder fp32, Embedder int8) {
        return run(fp32, int8, MiniLmEmbedder.Precision.INT8);
    }

    /** As {@link #run(Embedder, Embedder)}, saying which int8 scheme {@code int8} is. */
    public static Verdict run(Embedder fp32, Embedder int8, MiniLmEmbedder.Precision precision) {
        List<float[]> reference = fp32.embed(CALIBRATION);
        List<float[]> quantized = int8.embed(CALIBRATION);
        double worst = 1.0;
        for (int i = 0; i < CALIBRATION.size(); i++) {
            worst = Math.min(worst, Vectors.cosine(reference.get(i), quantized.get(i)));
        }
        return new Verdict(worst >= CALIBRATION_BAR, worst, cpuName(), precision);
    }

    /** "AMD EPYC (avx512_vnni)" and the like, for messages and benchmark records. */
    public static String cpuName() {
        String arch = System.getProperty("os.arch", "?");
        try {
            var lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"));
            String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(arch);
            String flags = lines.stream().filter(l -> l.startsWith("flags") || l.startsWith("Features")).findFirst()
                    .orElse("");
            String kind = flags.contains("avx512_vnni") ? "AVX-512 VNNI" : flags.contains("avx_vnni") ? "AVX-VNNI"
                    : flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : arch;
            return model + ", " + kind;
        } catch (java.io.IOException | RuntimeException notLinux) {
            return arch;
        }
    }
}
