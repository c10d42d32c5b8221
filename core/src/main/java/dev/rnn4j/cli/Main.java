package dev.rnn4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code rnn4j} command (picocli). Exit codes: 0 success, 1 the command failed (the message says
 * why), 2 bad arguments (with the usage).
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, version = "rnn4j 0.1.0-SNAPSHOT",
        description = "Recurrent networks on the JVM: train, sample and classify on the CPU or a CUDA GPU.",
        subcommands = {DemoCommand.class, TrainCommand.class, SampleCommand.class, ClassifyCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String name = commandLine.getCommandSpec().qualifiedName();
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof IndexOutOfBoundsException || e instanceof UncheckedIOException || e instanceof UnsupportedOperationException) {
                err.println(name + ": error: " + e.getMessage());
            } else {
                err.println(name + ": unexpected " + e);
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("rnn4j: missing a command; try 'rnn4j demo'");
        spec.commandLine().usage(err);
        return 2;
    }
}
