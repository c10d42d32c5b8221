package dev.rnn4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Training progress on stderr, drawn by me.tongfei:progressbar's update thread with a {@link ProgressLine}.
 * On a terminal: one line redrawn in place, as wide as the terminal is now (the library asks jline for the
 * width at every redraw). Not on a terminal (a file, a pipe): a plain line every {@link #PLAIN_INTERVAL_MS}.
 * Quiet: nothing. Lines printed through {@link #println} (epoch figures, on stdout) first clear the bar line.
 */
final class TrainingProgress implements AutoCloseable {

    static final int TERMINAL_INTERVAL_MS = 500;
    static final int PLAIN_INTERVAL_MS = 5000;
    private static final int PLAIN_WIDTH = 100;

    enum Mode { QUIET, TERMINAL, PLAIN }

    private final String task;
    private final ProgressPlan plan;
    private final int epochs;
    private final Mode mode;
    private final PrintStream err;
    private final PrintWriter out;
    private final Object lock = new Object();
    private final long startNanos = System.nanoTime();
    private final ProgressBar bar;
    private final ConsoleProgressBarConsumer console;
    private volatile long step;
    private volatile int epoch;
    private volatile double loss = Double.NaN;
    private volatile long tokens;
    private double shown;

    /**
     * @param startStep  the run's steps before this one (a resumed run starts there)
     * @param startEpoch the 1-based epoch of the first step
     * @param out        where {@link #println} writes
     */
    TrainingProgress(String task, ProgressPlan plan, int epochs, long startStep, int startEpoch, Mode mode, PrintStream err, PrintWriter out) {
        this.task = task;
        this.plan = plan;
        this.epochs = epochs;
        this.mode = mode;
        this.err = err;
        this.out = out;
        this.step = startStep;
        this.epoch = startEpoch;
        if (mode == Mode.QUIET) {
            console = null;
            bar = null;
            return;
        }
        ProgressBarConsumer consumer;
        if (mode == Mode.TERMINAL) {
            console = new ConsoleProgressBarConsumer(err); // no fixed length: the terminal's width, asked at every redraw
            console.getMaxRenderedLength(); // opens the library's jline terminal now, on this thread (it resets SIGINT; see StopSignals)
            consumer = new Locked(console);
        } else {
            console = null;
            consumer = new DelegatingProgressBarConsumer(line -> {
                err.println(line);
                err.flush();
            }, PLAIN_WIDTH);
        }
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1000).continuousUpdate()
                .setUpdateIntervalMillis(mode == Mode.TERMINAL ? TERMINAL_INTERVAL_MS : PLAIN_INTERVAL_MS)
                .setRenderer((state, width) -> line(width))
                .setConsumer(consumer).build();
    }

    /** TERMINAL when stderr is a terminal, PLAIN otherwise, QUIET with {@code --quiet}. */
    static Mode mode(boolean quiet) {
        return quiet ? Mode.QUIET : Terminals.stderrIsTerminal() ? Mode.TERMINAL : Mode.PLAIN;
    }

    /** After a step: the run's steps so far, the 1-based epoch, the epoch's running loss, this run's tokens. */
    void update(long step, int epoch, double loss, long tokens) {
        this.step = step;
        this.epoch = epoch;
        this.loss = loss;
        this.tokens = tokens;
        if (bar != null) bar.stepTo((long) (1000 * plan.fraction(step, seconds())));
    }

    /** The line for the current state, at most {@code width} characters. */
    String line(int width) {
        double elapsed = seconds();
        synchronized (lock) {
            shown = Math.max(shown, plan.fraction(step, elapsed)); // time passes between calls; the shown value never goes back
            var s = new ProgressLine.Snapshot(task, shown, step, plan.plannedSteps(), epoch, epochs, elapsed, plan.budgetSeconds(), loss, tokens / Math.max(elapsed, 1e-9));
            return ProgressLine.render(s, width, mode == Mode.TERMINAL);
        }
    }

    /** Prints {@code line} to stdout; on a terminal the bar's line is cleared first and the bar is redrawn below. */
    void println(String line) {
        synchronized (lock) {
            if (console != null) {
                err.print("\r" + " ".repeat(Math.max(0, console.getMaxRenderedLength())) + "\r");
                err.flush();
            }
            out.println(line);
            out.flush();
        }
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }

    /** The console consumer, drawing under the lock that {@link #println} holds, and flushing each frame. */
    private final class Locked implements ProgressBarConsumer {
        private final ConsoleProgressBarConsumer delegate;

        Locked(ConsoleProgressBarConsumer delegate) {
            this.delegate = delegate;
        }

        @Override
        public int getMaxRenderedLength() {
            return delegate.getMaxRenderedLength();
        }

        @Override
        public void accept(String rendered) {
            synchronized (lock) {
                delegate.accept(rendered);
                err.flush();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                delegate.close();
            }
        }
    }
}
