package dev.rnn4j.cli;

import dev.rnn4j.backend.Backends;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jdk.incubator.vector.FloatVector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rnn4j info}: the JVM, the CPU's vector width, and the backends' report (libraries, devices). */
@Command(name = "info", description = "Print the JVM, CPU vector width and the backends found (CUDA libraries, devices).")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("java: %s (%s)%n", Runtime.version(), System.getProperty("java.vendor"));
        out.printf("cpu: %d cores available, vector species %s (%d float lanes)%n",
                Runtime.getRuntime().availableProcessors(), FloatVector.SPECIES_PREFERRED, FloatVector.SPECIES_PREFERRED.length());
        out.println(Backends.report());
        out.flush();
        return 0;
    }
}
