package dev.rnn4j.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training progress bar (me.tongfei:progressbar): steps done out of the planned steps, with the
 * current loss, steps/s and tokens/s (averaged since the start) as its message. Quiet mode draws nothing.
 */
final class TrainingProgress implements AutoCloseable {

    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();

    TrainingProgress(String task, long plannedSteps, PrintStream out, boolean quiet) {
        this.bar = quiet ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(plannedSteps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out, 120))
                .build();
    }

    /** After {@code step} steps that consumed {@code tokens} tokens in all, with the latest loss. */
    void update(long step, long tokens, double loss) {
        if (bar == null) return;
        bar.stepTo(step);
        bar.setExtraMessage(message(step, tokens, loss, (System.nanoTime() - startNanos) / 1e9));
    }

    /** The run will take about {@code steps} steps after all (e.g. a time budget decided it). */
    void replan(long steps) {
        if (bar != null) bar.maxHint(steps);
    }

    static String message(long step, long tokens, double loss, double seconds) {
        double s = Math.max(seconds, 1e-9);
        return String.format("loss %.4f | %.1f steps/s | %s tok/s", loss, step / s, compact(tokens / s));
    }

    /** 1234 -> "1.2k", 2_500_000 -> "2.5M". */
    static String compact(double v) {
        if (v >= 1e6) return String.format("%.1fM", v / 1e6);
        if (v >= 1e3) return String.format("%.1fk", v / 1e3);
        return String.format("%.0f", v);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
