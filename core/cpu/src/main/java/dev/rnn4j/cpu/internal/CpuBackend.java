package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.spi.ComposedBackend;
import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.tensor.Device;

/**
 * The pure-Java backend on host tensors. Each call is forwarded to the package-private class that does that
 * job, which validates its arguments (liveness, host device, dtype, shapes) before touching memory. Inputs
 * may be strided views. It holds no native resources; {@link #close()} is a no-op.
 *
 * <p>softmaxCrossEntropy with every label ignored returns 0 and a zero gradient (PyTorch returns NaN).
 */
public final class CpuBackend extends ComposedBackend {

    CpuBackend() {
        this(CpuOptions.defaults());
    }

    public CpuBackend(CpuOptions options) {
        super("cpu", Device.CPU, new CpuMemory(), new CpuBlas(), new CpuPointwise(), new CpuReductions(),
                new CpuEmbeddings(), new CpuOptimizers(), CpuBackend::rnnPlan);
    }

    private static CpuRnnPlan rnnPlan(RnnDescriptor descriptor) {
        Require.notNull("rnn", "descriptor", descriptor);
        return new CpuRnnPlan(descriptor);
    }

    /** "16 float lanes (AVX-512), 2 threads". */
    public static String vectorDescription() {
        var species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        return "Vector API, " + species.length() + " float lanes (" + species.vectorBitSize() + "-bit), "
                + GemmThreads.THREADS + " threads";
    }

    @Override
    public String description() {
        return "pure Java, " + vectorDescription();
    }

    @Override
    public void close() {
    }
}
