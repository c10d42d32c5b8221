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
            case "cpu", "cuda" -> {
                var backend = Backends.create(which);
                yield new BackendChoice(backend, which + ": " + backend.description() + ", requested with --backend " + which);
            }
            default -> throw new IllegalArgumentException("--backend must be auto, cpu or cuda, got '" + which + "'");
        };
    }
}
