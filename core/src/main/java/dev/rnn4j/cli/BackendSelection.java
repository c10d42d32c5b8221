package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.backend.Backends;

/** Turns {@code --backend auto|cpu|cuda} into a backend and the sentence saying why it was chosen. */
final class BackendSelection {

    private BackendSelection() {
    }

    static BackendChoice choose(String which) {
        return switch (which) {
            case "auto" -> Backends.auto();
            case "cpu" -> new BackendChoice(Backends.cpu(), "cpu: requested with --backend cpu");
            case "cuda" -> new BackendChoice(Backends.cuda(0), "cuda: requested with --backend cuda");
            default -> throw new IllegalArgumentException("--backend must be auto, cpu or cuda, got '" + which + "'");
        };
    }

    /** Backends.report(), or a line saying it is not available. */
    static String report() {
        try {
            return Backends.report();
        } catch (UnsupportedOperationException e) {
            return "backends: report not available (" + e.getMessage() + ")";
        }
    }
}
