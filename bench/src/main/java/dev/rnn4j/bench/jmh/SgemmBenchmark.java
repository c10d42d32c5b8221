package dev.rnn4j.bench.jmh;

import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.cpu.internal.GemmThreads;
import dev.rnn4j.cpu.internal.Sgemm;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU SGEMM on square sizes and on the RNN's own shapes. The score is products per second; the
 * secondary result "sgemm:gflop" is the rate in GFLOP/s (2·m·n·k flops per product).
 *
 * <p>Shapes are {@code m x n x k : op(A) op(B)} (N = as stored, T = transposed). The RNN shapes are those of
 * an LSTM with batch 64, T = 100, input 128, hidden 256 (4H = 1024): the per-step recurrent product
 * h·Rᵀ, the all-steps input projection x·Wᵀ, and the backward products dh = dG·R, dR += dGᵀ·h,
 * dW = dGᵀ·x, dx = dG·W.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SgemmBenchmark {

    @Param({"256x256x256:NN", "512x512x512:NN", "1024x1024x1024:NN", "2048x2048x2048:NN",
            "64x1024x256:NT", "6400x1024x128:NT", "64x256x1024:NN", "1024x256x64:TN", "1024x128x6400:TN", "6400x128x1024:NN"})
    public String shape;

    private int m, n, k, lda, ldb;
    private boolean transA, transB;
    private Arena arena;
    private GemmThreads threads;
    private MemorySegment a, b, c;

    /** Reported per second: GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;
    }

    @Setup(Level.Trial)
    public void setup() {
        String[] parts = shape.split(":");
        String[] dims = parts[0].split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        transA = parts[1].charAt(0) == 'T';
        transB = parts[1].charAt(1) == 'T';
        lda = transA ? m : k;
        ldb = transB ? k : n;
        arena = Arena.ofShared();
        threads = GemmThreads.of(CpuOptions.defaults());
        Random rnd = new Random(42);
        a = random(rnd, (long) m * k);
        b = random(rnd, (long) k * n);
        c = random(rnd, (long) m * n);
    }

    private MemorySegment random(Random rnd, long count) {
        MemorySegment s = arena.allocate(count * Float.BYTES, 64);
        for (long i = 0; i < count; i++) s.setAtIndex(ValueLayout.JAVA_FLOAT, i, rnd.nextFloat() - 0.5f);
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        threads.close();
    }

    @Benchmark
    public void sgemm(Flops flops) {
        Sgemm.gemm(threads, transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        flops.gflop += 2e-9 * m * n * k;
    }
}
