package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --backend auto|cpu|cuda}, shared by every command that runs a model. */
final class BackendOption {

    @Option(names = "--backend", converter = Choices.Backend.class, completionCandidates = Choices.Backend.class,
            description = "auto (CUDA when available, else CPU), cpu or cuda. Default: ${DEFAULT-VALUE}.")
    String backend = "auto";

    BackendChoice choose() {
        return BackendSelection.choose(backend);
    }

    /** {@link #choose()}, then prints the backend and, in short, why others were passed over (flushed). */
    BackendChoice chooseAndReport(PrintWriter out) {
        BackendChoice choice = choose();
        BackendSelection.report(choice).forEach(out::println);
        out.flush();
        return choice;
    }
}
