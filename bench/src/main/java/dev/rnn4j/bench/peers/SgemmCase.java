package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.cpu.internal.GemmThreads;
import dev.rnn4j.cpu.internal.Sgemm;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.SplittableRandom;

/**
 * C = A·B for square n×n float32 matrices: rnn4j's {@link Sgemm#gemm} against {@code torch.matmul}, with
 * GFLOP/s (2n³ flops per product) and the share of the FMA peak for both. Before timing, both C are checked
 * against dot products in double at {@link #SAMPLED_ENTRIES} seeded entries, then against each other.
 */
public final class SgemmCase {

    /** Entries of C computed in double for the check. */
    static final int SAMPLED_ENTRIES = 64;

    private SgemmCase() {
    }

    public static PeerResult run(NDManager torch, int n, CpuPeak peak, Timing timing, long seed, Consumer<String> log) {
        var random = new SplittableRandom(seed);
        float[] a = RnnProblem.uniform(random, n * n, 1f);
        float[] b = RnnProblem.uniform(random, n * n, 1f);
        try (Arena arena = Arena.ofShared(); GemmThreads threads = GemmThreads.of(CpuOptions.defaults()); NDManager m = torch.newSubManager()) {
            MemorySegment sa = copyOf(arena, a);
            MemorySegment sb = copyOf(arena, b);
            MemorySegment sc = arena.allocate((long) n * n * Float.BYTES, 64);
            Runnable ours = () -> Sgemm.gemm(threads, false, false, n, n, n, 1f, sa, 0, n, sb, 0, n, 0f, sc, 0, n);
            NDArray ta = m.create(a, new Shape(n, n));
            NDArray tb = m.create(b, new Shape(n, n));

            ours.run();
            float[] expected;
            try (NDArray c = ta.matMul(tb)) {
                expected = c.toFloatArray();
            }
            float[] oursC = sc.toArray(ValueLayout.JAVA_FLOAT);
            int[] entries = random.ints(SAMPLED_ENTRIES, 0, n * n).toArray();
            double[] reference = new double[entries.length];
            for (int e = 0; e < entries.length; e++) {
                int i = entries[e] / n;
                int j = entries[e] % n;
                for (int k = 0; k < n; k++) reference[e] += (double) a[i * n + k] * b[k * n + j];
            }
            var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J,
                    List.of(Map.entry("sampled_C", RelativeError.of(at(oursC, entries), reference))));
            var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH,
                    List.of(Map.entry("sampled_C", RelativeError.of(at(expected, entries), reference))));
            log.accept(ReferenceCheck.line("sgemm", "n=" + n, rnn4j, pytorch,
                    String.format(Locale.ROOT, "rel_err_C=%.2e", RelativeError.of(oursC, expected))));

            double oursMs = timing.medianMillis(ours);
            double theirsMs = timing.medianMillis(() -> {
                try (var scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    ta.matMul(tb);
                }
            });
            double flops = 2.0 * n * n * n;
            double oursGflops = flops / oursMs / 1e6;
            double theirsGflops = flops / theirsMs / 1e6;
            return new PeerResult("sgemm", "M=" + n + " N=" + n + " K=" + n, oursMs, theirsMs)
                    .with("rnn4j_gflops", fixed1(oursGflops))
                    .with("pytorch_gflops", fixed1(theirsGflops))
                    .with("rnn4j_peak_pct", fixed1(peak.percentOf(oursGflops)))
                    .with("pytorch_peak_pct", fixed1(peak.percentOf(theirsGflops)));
        }
    }

    private static float[] at(float[] values, int[] indices) {
        float[] out = new float[indices.length];
        for (int i = 0; i < indices.length; i++) out[i] = values[indices[i]];
        return out;
    }

    private static MemorySegment copyOf(Arena arena, float[] data) {
        MemorySegment s = arena.allocate((long) data.length * Float.BYTES, 64);
        MemorySegment.copy(data, 0, s, ValueLayout.JAVA_FLOAT, 0, data.length);
        return s;
    }

    static String fixed1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
