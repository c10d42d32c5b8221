package dev.rnn4j.bench.jmh;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.bench.peers.GenerationProblem;
import dev.rnn4j.bench.peers.LongSequenceCase;
import dev.rnn4j.bench.peers.RaggedCase;
import dev.rnn4j.bench.peers.Rnn4jGenerator;
import dev.rnn4j.bench.peers.Rnn4jRnn;
import dev.rnn4j.bench.peers.RnnProblem;
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
 * rnn4j alone on the peer runner's user-shape cases, the same bodies: the ragged stacked bidirectional LSTM batch
 * ({@code ragged*}, per call), one-token generation ({@code generateToken}, per token, state carried, restarted
 * every {@link #TOKENS} tokens) and long-sequence inference ({@code longSequence}, per call of 2000 steps).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class UserShapesBenchmark {

    static final int TOKENS = 32;

    @State(Scope.Benchmark)
    public static class Ragged {
        Backend backend;
        Rnn4jRnn rnn;

        @Setup(Level.Trial)
        public void setUp() {
            backend = Backends.cpu();
            var problem = RnnProblem.random(RaggedCase.descriptor(RaggedCase.SHAPE), RaggedCase.SHAPE, 42);
            rnn = new Rnn4jRnn(backend, problem, RaggedCase.lengths(RaggedCase.SHAPE, RaggedCase.MIN_LENGTH, 43));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rnn.close();
            backend.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Generation {
        @Param({"1", "8"})
        public int batch;
        Backend backend;
        Rnn4jGenerator generator;
        int token;

        @Setup(Level.Trial)
        public void setUp() {
            backend = Backends.cpu();
            generator = new Rnn4jGenerator(backend, GenerationProblem.target(batch, TOKENS, 42));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
            backend.close();
        }
    }

    @State(Scope.Benchmark)
    public static class LongSequence {
        Backend backend;
        Rnn4jRnn rnn;

        @Setup(Level.Trial)
        public void setUp() {
            backend = Backends.cpu();
            rnn = new Rnn4jRnn(backend, RnnProblem.random(RnnMode.LSTM, LongSequenceCase.SHAPE, 42));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rnn.close();
            backend.close();
        }
    }

    @Benchmark
    public void raggedForward(Ragged s) {
        s.rnn.forwardTimed();
    }

    @Benchmark
    public void raggedForwardBackward(Ragged s) {
        s.rnn.forwardBackward();
    }

    @Benchmark
    public void generateToken(Generation s) {
        if (s.token == TOKENS) {
            s.generator.reset();
            s.token = 0;
        }
        s.generator.step(s.token++);
    }

    @Benchmark
    public void longSequence(LongSequence s) {
        s.rnn.forwardTimed();
    }
}
