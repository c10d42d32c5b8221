package dev.rnn4j.backend;

/**
 * Chooses a backend. Nothing here loads native code at class-load time.
 * STUB: signatures fixed; wired to the CPU and CUDA backends when they land.
 */
public final class Backends {

    private Backends() {
    }

    /** The pure-Java CPU backend. */
    public static Backend cpu() {
        throw new UnsupportedOperationException("not wired yet");
    }

    /** The CUDA backend on device {@code ordinal}; throws with the exact reason when it is unavailable. */
    public static Backend cuda(int ordinal) {
        throw new UnsupportedOperationException("not wired yet");
    }

    /** CUDA device 0 when available, else the CPU, with the reason. */
    public static BackendChoice auto() {
        throw new UnsupportedOperationException("not wired yet");
    }

    /** Multi-line report for `rnn4j info`: libraries searched and found, versions, driver, devices. */
    public static String report() {
        throw new UnsupportedOperationException("not wired yet");
    }
}
