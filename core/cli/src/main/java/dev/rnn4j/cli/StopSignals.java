package dev.rnn4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM during training: the first asks training to stop after the current step (the
 * command then saves the checkpoint and exits with 128 + the signal's number: 130, 143); a second one quits
 * at once without saving. The previous handlers come back on {@link #close()}.
 *
 * <p>Install after the progress bar opened its terminal: jline resets SIGINT to the default action when it
 * creates a terminal.
 */
final class StopSignals implements AutoCloseable {

    private static final List<String> NAMES = List.of("INT", "TERM");
    private static volatile int installed;

    private final Runnable stop;
    private final Consumer<String> say;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal received;

    private StopSignals(Runnable stop, Consumer<String> say) {
        this.stop = stop;
        this.say = say;
    }

    /** Handles SIGINT and SIGTERM until closed: {@code stop} on the first, {@code say} tells the user what happens. */
    static StopSignals install(Runnable stop, Consumer<String> say) {
        StopSignals s = new StopSignals(stop, say);
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            try {
                s.previous.put(signal, Signal.handle(signal, s::handle));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (e.g. run with -Xrs): it keeps its default action
            }
        }
        installed++;
        return s;
    }

    /** How many signal handlers of training runs are active in this process (0 or 1 in practice). */
    static int installed() {
        return installed;
    }

    private void handle(Signal signal) {
        if (received == null) {
            received = signal;
            say.accept("rnn4j: SIG" + signal.getName() + ": stopping after this step and saving the checkpoint");
            say.accept("rnn4j: a second SIG" + signal.getName() + " quits without saving");
            stop.run();
        } else {
            say.accept("rnn4j: SIG" + signal.getName() + " again: quitting without saving");
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }

    /** True once a signal asked training to stop. */
    boolean received() {
        return received != null;
    }

    /** "SIGINT" or "SIGTERM", or null. */
    String name() {
        return received == null ? null : "SIG" + received.getName();
    }

    /** 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), the shell's convention. */
    int exitCode() {
        if (received == null) throw new IllegalStateException("no signal received");
        return 128 + received.getNumber();
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        installed--;
    }
}
