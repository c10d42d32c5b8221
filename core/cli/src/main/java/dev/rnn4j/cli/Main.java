package dev.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code rnn4j} command (picocli). Exit codes: 0 success, 1 the command failed (the message says
 * why), 2 bad arguments (the message and the option's usage line), 130/143 training stopped by SIGINT/SIGTERM
 * (after saving). {@code -h}/{@code --help} and {@code -V}/{@code --version} work on every command.
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "rnn4j 0.1.0-SNAPSHOT",
        description = "Recurrent networks on the JVM: train, sample and classify on the CPU or a CUDA GPU.",
        subcommands = {DemoCommand.class, TrainCommand.class, SampleCommand.class, ClassifyCommand.class, AttentionCommand.class, ConvertCommand.class, InfoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // jHDF (Keras files) logs through SLF4J; without a binding SLF4J would print its own warnings on every run
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println(commandLine.getCommandSpec().qualifiedName() + ": " + failureMessage(e));
            if (System.getenv("RNN4J_DEBUG") != null) e.printStackTrace(err);
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * One line for a failed command; a user never sees a stack trace. Errors about the input (bad values,
     * files, state) are shown as their message; anything else is a bug of rnn4j, named as such with a hint
     * on how to get the trace.
     */
    static String failureMessage(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        if (e instanceof NoSuchFileException f) return "error: no such file: " + f.getFile();
        if (e instanceof AccessDeniedException f) return "error: permission denied: " + f.getFile();
        if (e instanceof IOException) return "error: " + (message.isEmpty() ? e.getClass().getSimpleName() : message);
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof IndexOutOfBoundsException
                || e instanceof UncheckedIOException || e instanceof UnsupportedOperationException) {
            return "error: " + message;
        }
        if (e instanceof OutOfMemoryError) return "error: out of memory (" + message + "); give the JVM more with JAVA_OPTS=-Xmx...";
        return "internal error (a bug in rnn4j, please report it): " + e.getClass().getName() + (message.isEmpty() ? "" : ": " + message)
                + "; set RNN4J_DEBUG=1 for the stack trace";
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("rnn4j: missing a command; try 'rnn4j demo'");
        spec.commandLine().usage(err);
        return UsageErrors.EXIT_CODE;
    }
}
