package dev.rnn4j.bench.jmh;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.bench.peers.CharLmProblem;
import dev.rnn4j.bench.peers.ClassifierProblem;
import dev.rnn4j.bench.peers.ModelCharLm;
import dev.rnn4j.bench.peers.ModelClassifier;
import dev.rnn4j.bench.peers.Rnn4jCharLm;
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
 * One training step as users run it, through {@code Model.fit} (the peer runner's {@code charlm-fit} and
 * {@code classifier-fit} bodies, {@link ModelCharLm} and {@link ModelClassifier}), and, for the char-LM, the same
 * step on the backend SPI by hand ({@link Rnn4jCharLm}, {@code charlm-train}): {@code fitStep} over
 * {@code spiStep} is what the model layer costs above its kernels; {@code freshTapeStep} is the step on tapes without
 * the model's step memory ({@link ModelCharLm#freshTapeStep}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class ModelStepBenchmark {

    /** charlm: Embedding 64 → LSTM 256 → Dense(60), T=100, B=64; classifier: Embedding(mask_zero) 64 → BiLSTM 128 → Dense(2), B=64, T ≤ 200 ragged. */
    @Param({"charlm", "classifier"})
    public String model;

    private Backend backend;
    private AutoCloseable side;
    private Runnable fit;
    private Rnn4jCharLm spi;
    private ModelCharLm charLm;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backends.cpu();
        if (model.equals("charlm")) {
            var problem = CharLmProblem.target(42);
            var m = new ModelCharLm(backend, problem);
            charLm = m;
            side = m;
            fit = m::step;
            spi = new Rnn4jCharLm(backend, problem);
        } else {
            var m = new ModelClassifier(backend, ClassifierProblem.target(42));
            side = m;
            fit = m::step;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        side.close();
        if (spi != null) spi.close();
        backend.close();
    }

    @Benchmark
    public void fitStep() {
        fit.run();
    }

    /** The char-LM step on tapes opened without the model (every buffer allocated and zero-filled per step; nothing for the classifier). */
    @Benchmark
    public float freshTapeStep() {
        return charLm == null ? 0f : charLm.freshTapeStep();
    }

    /** The char-LM step on the SPI (nothing for the classifier, which has no hand-driven side). */
    @Benchmark
    public float spiStep() {
        return spi == null ? 0f : spi.step();
    }
}
