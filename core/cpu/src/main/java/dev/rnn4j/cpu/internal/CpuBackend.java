package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.spi.ComposedBackend;
import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.tensor.Device;

/**
 * The pure-Java backend on host tensors. Each call is forwarded to the package-private class that does that
 * job, which validates its arguments (liveness, host device, dtype, shapes) before touching memory. Inputs
 * may be strided views. Its threads ({@link GemmThreads}: {@link CpuOptions#threads()}, on workers of its own
 * or a host's executor) are shared by every call and plan of this backend; {@link #close()} stops its own
 * workers, after which calls still work, on the calling thread only.
 *
 * <p>Calls from several threads at once are safe when they write to different tensors: the kernels keep
 * their scratch per thread and the plans are thread-safe ({@link CpuRnnPlan}). {@link #close()} must not
 * overlap a call.
 *
 * <p>softmaxCrossEntropy with every label ignored returns 0 and a zero gradient (PyTorch returns NaN).
 */
public final class CpuBackend extends ComposedBackend {

    private final GemmThreads threads;

    CpuBackend() {
        this(CpuOptions.defaults());
    }

    public CpuBackend(CpuOptions options) {
        this(GemmThreads.of(options));
    }

    private CpuBackend(GemmThreads threads) {
        super("cpu", Device.CPU, new CpuMemory(), new CpuBlas(threads), new CpuPointwise(threads), new CpuReductions(threads),
                new CpuEmbeddings(), new CpuOptimizers(threads), descriptor -> {
                    Require.notNull("rnn", "descriptor", descriptor);
                    return new CpuRnnPlan(descriptor, threads);
                });
        this.threads = threads;
    }

    /** "Vector API, 16 float lanes (512-bit), 4 threads": what runs this backend's kernels. */
    public String vectorDescription() {
        return vectorDescription(threads.describe());
    }

    /** The vector unit and {@code threads} in words. */
    public static String vectorDescription(String threads) {
        var species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        return "Vector API, " + species.length() + " float lanes (" + species.vectorBitSize() + "-bit), " + threads;
    }

    @Override
    public String description() {
        return "pure Java, " + vectorDescription();
    }

    /** This backend's threads (for tests). */
    GemmThreads threads() {
        return threads;
    }

    @Override
    public void close() {
        threads.close();
    }
}
