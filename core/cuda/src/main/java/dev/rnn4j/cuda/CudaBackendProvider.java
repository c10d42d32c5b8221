package dev.rnn4j.cuda;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BackendOptions;
import dev.rnn4j.backend.spi.BackendProvider;
import java.util.Optional;

/**
 * The CUDA backend as a {@link BackendProvider}: preferred over the CPU when a GPU and the libraries are
 * there. Loading this class loads nothing native; {@link #unavailableReason} searches for and loads the
 * libraries once, and says why when it cannot.
 */
public final class CudaBackendProvider implements BackendProvider {

    /** Modules whose code makes native calls: rnn4j's CUDA code and the generated bindings. */
    private static final Class<?>[] NATIVE_CALLERS = {CudaBackendProvider.class, dev.rnn4j.bindings.cuda.cuda_h.class};

    /** For {@link java.util.ServiceLoader}; users go through {@link dev.rnn4j.backend.Backends}. */
    public CudaBackendProvider() {
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unavailableReason(int device) {
        Optional<String> access = missingNativeAccess();
        return access.isPresent() ? access : CudaProbe.unavailableReason(device);
    }

    @Override
    public Backend create(int device, BackendOptions options) {
        if (options != null && !(options instanceof CudaOptions)) {
            throw new IllegalArgumentException("the cuda backend takes CudaOptions, got " + options.getClass().getName());
        }
        missingNativeAccess().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        return CudaBackend.create(device, options == null ? CudaOptions.defaults() : (CudaOptions) options);
    }

    @Override
    public String report() {
        return missingNativeAccess().map(r -> "cuda: " + r).orElseGet(CudaProbe::report);
    }

    /**
     * The JVM flag to add when native access is off for a module that calls native code. (With JDK 25's
     * default, --illegal-native-access=warn, calls would still work after a warning; asking for the flag
     * keeps that warning, and a future deny default, away from users.)
     */
    static Optional<String> missingNativeAccess() {
        for (Class<?> caller : NATIVE_CALLERS) {
            Module module = caller.getModule();
            if (!module.isNativeAccessEnabled()) {
                String flag = module.isNamed() ? "--enable-native-access=dev.rnn4j.cuda,dev.rnn4j.bindings" : "--enable-native-access=ALL-UNNAMED";
                return Optional.of("CUDA backend unavailable: native access is not enabled for "
                        + (module.isNamed() ? "module " + module.getName() : "the class path") + "; add the JVM flag " + flag);
            }
        }
        return Optional.empty();
    }
}
