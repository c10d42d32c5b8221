package dev.rnn4j.cpu;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BackendOptions;
import dev.rnn4j.backend.spi.BackendProvider;
import dev.rnn4j.cpu.internal.CpuBackend;
import java.util.Optional;

/**
 * The pure-Java backend as a {@link BackendProvider}: always available once the Vector API is there, the
 * fallback behind CUDA. This class does not touch {@code jdk.incubator.vector}, so a JVM started without it
 * gets a reason naming the flag instead of a {@code NoClassDefFoundError}.
 */
public final class CpuBackendProvider implements BackendProvider {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** For {@link java.util.ServiceLoader}; users go through {@link dev.rnn4j.backend.Backends}. */
    public CpuBackendProvider() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason(int device) {
        if (!vectorApiPresent()) {
            return Optional.of("CPU backend unavailable: the Vector API is not in this JVM; add the JVM flag --add-modules " + VECTOR_MODULE);
        }
        if (device != 0) return Optional.of("CPU backend unavailable: the host is device 0, got device " + device);
        return Optional.empty();
    }

    @Override
    public Backend create(int device, BackendOptions options) {
        if (options != null && !(options instanceof CpuOptions)) {
            throw new IllegalArgumentException("the cpu backend takes CpuOptions, got " + options.getClass().getName());
        }
        unavailableReason(device).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        return new CpuBackend(options == null ? CpuOptions.defaults() : (CpuOptions) options);
    }

    @Override
    public String report() {
        if (!vectorApiPresent()) return "cpu: " + unavailableReason(0).orElseThrow();
        int cores = CpuOptions.defaults().threads();
        return "cpu: pure Java, " + CpuBackend.vectorDescription(cores + " threads by default (all cores; CpuOptions.threads sets them)");
    }

    private static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                || CpuBackendProvider.class.getModule().getLayer() != null
                && CpuBackendProvider.class.getModule().getLayer().findModule(VECTOR_MODULE).isPresent();
    }
}
