package dev.rnn4j.backend;

/**
 * Chooses a backend. Nothing here loads native code at class-load time: the CUDA libraries are searched
 * and loaded on the first call that needs them, and their absence is a reason, not an exception
 * (except from {@link #cuda(int)}, which was asked for the GPU explicitly).
 */
public final class Backends {

    private Backends() {
    }

    /** The pure-Java CPU backend. */
    public static Backend cpu() {
        return new dev.rnn4j.cpu.CpuBackend();
    }

    /** The CUDA backend on device {@code ordinal}; throws with the exact reason when it is unavailable. */
    public static Backend cuda(int ordinal) {
        var reason = dev.rnn4j.cuda.CudaProbe.unavailableReason(ordinal);
        if (reason.isPresent()) throw new IllegalStateException(reason.get());
        return dev.rnn4j.cuda.CudaBackend.create(ordinal);
    }

    /** CUDA device 0 when available, else the CPU, with the reason. */
    public static BackendChoice auto() {
        var reason = dev.rnn4j.cuda.CudaProbe.unavailableReason(0);
        if (reason.isPresent()) return new BackendChoice(cpu(), "cpu: " + reason.get());
        try {
            Backend cuda = dev.rnn4j.cuda.CudaBackend.create(0);
            return new BackendChoice(cuda, "cuda: " + ((dev.rnn4j.cuda.CudaBackend) cuda).describe());
        } catch (RuntimeException e) {
            return new BackendChoice(cpu(), "cpu: CUDA backend unavailable: " + e.getMessage());
        }
    }

    /** Multi-line report for `rnn4j info`: libraries searched and found, versions, driver, devices. */
    public static String report() {
        return dev.rnn4j.cuda.CudaProbe.report();
    }
}
