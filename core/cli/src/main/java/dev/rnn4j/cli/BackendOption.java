package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --backend auto|cpu|cuda}, shared by every command that runs a model. */
final class BackendOption {

    @Option(names = "--backend", description = "auto (CUDA when available, else CPU), cpu or cuda. Default: ${DEFAULT-VALUE}.")
    String backend = "auto";

    BackendChoice choose() {
        return BackendSelection.choose(backend);
    }

    /** {@link #choose()}, then prints "backend: " and the reason to {@code out} (flushed). */
    BackendChoice chooseAndReport(PrintWriter out) {
        BackendChoice choice = choose();
        out.println("backend: " + choice.reason());
        out.flush();
        return choice;
    }
}
