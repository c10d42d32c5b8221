package dev.rnn4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jline.utils.Signals;

/**
 * SIGINT (Ctrl-C) and SIGTERM during training: the first asks training to stop after the current step (the
 * command then saves the checkpoint and exits with 128 + the signal's number: 130, 143); a second one quits
 * at once without saving. The previous handlers come back on {@link #close()}. Handlers are set through
 * jline's {@link Signals} (the progress bar's terminal library; it reaches {@code sun.misc.Signal}).
 *
 * <p>Install after the progress bar opened its terminal: jline resets SIGINT to the default action when it
 * creates a terminal.
 */
final class StopSignals implements AutoCloseable {

    /** The signals handled, with their POSIX numbers. */
    private static final Map<String, Integer> NUMBERS = Map.of("INT", 2, "TERM", 15);
    private static volatile int installed;

    private final Runnable stop;
    private final Consumer<String> say;
    private final Map<String, Object> previous = new LinkedHashMap<>();
    private volatile String received;

    private StopSignals(Runnable stop, Consumer<String> say) {
        this.stop = stop;
        this.say = say;
    }

    /** Handles SIGINT and SIGTERM until closed: {@code stop} on the first, {@code say} tells the user what happens. */
    static StopSignals install(Runnable stop, Consumer<String> say) {
        StopSignals s = new StopSignals(stop, say);
        for (String name : NUMBERS.keySet()) {
            Object old = Signals.register(name, () -> s.handle(name));
            if (old != null) s.previous.put(name, old); // null: the JVM keeps this signal (e.g. -Xrs) and it keeps its default action
        }
        installed++;
        return s;
    }

    /** How many signal handlers of training runs are active in this process (0 or 1 in practice). */
    static int installed() {
        return installed;
    }

    private void handle(String name) {
        if (received == null) {
            received = name;
            say.accept("rnn4j: SIG" + name + ": stopping after this step and saving the checkpoint");
            say.accept("rnn4j: a second SIG" + name + " quits without saving");
            stop.run();
        } else {
            say.accept("rnn4j: SIG" + name + " again: quitting without saving");
            Runtime.getRuntime().halt(128 + NUMBERS.get(name));
        }
    }

    /** True once a signal asked training to stop. */
    boolean received() {
        return received != null;
    }

    /** "SIGINT" or "SIGTERM", or null. */
    String name() {
        return received == null ? null : "SIG" + received;
    }

    /** 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), the shell's convention. */
    int exitCode() {
        if (received == null) throw new IllegalStateException("no signal received");
        return 128 + NUMBERS.get(received);
    }

    @Override
    public void close() {
        previous.forEach(Signals::unregister);
        installed--;
    }
}
