package dev.rnn4j.bench.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one Panama downcall, the way the jextract bindings make them (a static final
 * {@link MethodHandle} from {@link Linker#downcallHandle}). The functions are libc's, so this runs on any
 * host: {@code abs} is the bare transition, {@code strlen} adds a pointer argument, the shape of most CUDA,
 * cuBLAS and cuDNN entry points (e.g. {@code CUresult cuDriverGetVersion(int*)}). What the GPU libraries
 * then do inside the call is theirs, not the binding's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DowncallBenchmark {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle ABS = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("abs"), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRLEN = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strlen"), FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle STRLEN_CRITICAL = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strlen"), FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.critical(false));

    private Arena arena;
    private MemorySegment text;
    private int value = -7;

    @Setup
    public void setUp() {
        arena = Arena.ofConfined();
        text = arena.allocateFrom("rnn4j");
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int absInt() throws Throwable {
        return (int) ABS.invokeExact(value);
    }

    @Benchmark
    public long strlenPointer() throws Throwable {
        return (long) STRLEN.invokeExact(text);
    }

    @Benchmark
    public long strlenPointerCritical() throws Throwable {
        return (long) STRLEN_CRITICAL.invokeExact(text);
    }
}
