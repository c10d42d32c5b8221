package dev.rnn4j.bench.jmh;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.bench.peers.Rnn4jRnn;
import dev.rnn4j.bench.peers.RnnProblem;
import dev.rnn4j.bench.peers.RnnShape;
import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.rnn.RnnMode;
import java.util.concurrent.TimeUnit;
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
 * The CPU RNN on its own: one layer, unidirectional, full-length sequences, sequence-major, zero initial
 * state, at the peer runner's shapes (T x B x I x H). forward = INFERENCE; forwardBackward = forward(TRAINING)
 * + backwardData + backwardWeights, the same bodies the peer runner times (see {@link Rnn4jRnn}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class RnnBenchmark {

    @Param({"LSTM", "GRU", "RNN_TANH"})
    public String mode;

    /** T x B x I x H. */
    @Param({"100x64x128x256", "50x32x64x128", "200x16x256x512"})
    public String shape;

    /** The CPU backend's threads ({@code CpuOptions.withThreads}); 0: its default, one per processor. */
    @Param({"0"})
    public int threads;

    private Backend backend;
    private Rnn4jRnn rnn;

    @Setup(Level.Trial)
    public void setUp() {
        backend = threads == 0 ? Backends.cpu() : Backends.create("cpu", 0, CpuOptions.defaults().withThreads(threads));
        rnn = new Rnn4jRnn(backend, RnnProblem.random(RnnMode.valueOf(mode), parse(shape), 42));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rnn.close();
        backend.close();
    }

    @Benchmark
    public void forward() {
        rnn.forwardTimed();
    }

    @Benchmark
    public void forwardBackward() {
        rnn.forwardBackward();
    }

    static RnnShape parse(String text) {
        String[] p = text.split("x");
        if (p.length != 4) throw new IllegalArgumentException("shape must be TxBxIxH, got " + text);
        return new RnnShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
    }
}
