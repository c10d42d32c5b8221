package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.cpu.CpuBackend;

/**
 * Turns {@code --backend auto|cpu|cuda} into a backend and the sentence saying why it was chosen. While the
 * {@link Backends} chooser is not wired (it throws UnsupportedOperationException), auto and cpu fall back to
 * the pure-Java {@link CpuBackend} and say so.
 */
final class BackendSelection {

    private BackendSelection() {
    }

    static BackendChoice choose(String which) {
        return switch (which) {
            case "auto" -> orCpu(Backends::auto, "Backends.auto()");
            case "cpu" -> orCpu(() -> new BackendChoice(Backends.cpu(), "cpu: requested with --backend cpu"), "Backends.cpu()");
            case "cuda" -> new BackendChoice(Backends.cuda(0), "cuda: requested with --backend cuda");
            default -> throw new IllegalArgumentException("--backend must be auto, cpu or cuda, got '" + which + "'");
        };
    }

    private static BackendChoice orCpu(java.util.function.Supplier<BackendChoice> chooser, String what) {
        try {
            return chooser.get();
        } catch (UnsupportedOperationException e) {
            return new BackendChoice(new CpuBackend(), "cpu (pure Java, Vector API): " + what + " is " + e.getMessage() + ", using CpuBackend directly");
        }
    }

    /** Backends.report(), or a line saying it is not available. */
    static String report() {
        try {
            return Backends.report();
        } catch (UnsupportedOperationException e) {
            return "backends: report not available (" + e.getMessage() + "); the pure-Java CPU backend is always available";
        }
    }
}
