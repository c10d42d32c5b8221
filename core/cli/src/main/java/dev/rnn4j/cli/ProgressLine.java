package dev.rnn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of training progress that fits a width: task, percentage, a bar (on a terminal), steps, epoch,
 * time against the budget, the epoch's running loss and tokens/s. When the width is short, the least
 * important parts go first (tokens/s, epoch and task, then the bar, the time, the steps); the percentage and
 * the loss stay.
 */
final class ProgressLine {

    private static final int MIN_BAR = 12;
    private static final int MAX_BAR = 32;

    /** What the line shows; {@code loss} is NaN before the first step. */
    record Snapshot(String task, double fraction, long step, long plannedSteps, int epoch, int epochs,
                    double elapsedSeconds, double budgetSeconds, double loss, double tokensPerSecond) {
    }

    private ProgressLine() {
    }

    /** A line of at most {@code width} characters; with {@code bar} false, no bar (a plain log line). */
    static String render(Snapshot s, int width, boolean bar) {
        int percent = (int) Math.floor(100 * s.fraction());
        // the parts in display order, each with its priority (0 = kept longest)
        List<String> text = new ArrayList<>();
        List<Integer> priority = new ArrayList<>();
        add(text, priority, s.task(), 7);
        add(text, priority, String.format(Locale.ROOT, "%3d%%", percent), 0);
        int barIndex = -1;
        int barWidth = Math.min(MAX_BAR, Math.max(MIN_BAR, width / 4)); // fixed for a width, whatever the numbers' lengths
        if (bar) {
            barIndex = text.size();
            add(text, priority, bar(s.fraction(), barWidth), 4);
        }
        add(text, priority, String.format(Locale.ROOT, "step %,d/%,d", s.step(), s.plannedSteps()), 2);
        add(text, priority, "epoch " + s.epoch() + "/" + s.epochs(), 5);
        add(text, priority, s.budgetSeconds() > 0 ? clock(s.elapsedSeconds()) + "/" + clock(s.budgetSeconds()) : clock(s.elapsedSeconds()), 3);
        add(text, priority, Double.isNaN(s.loss()) ? "loss -" : String.format(Locale.ROOT, "loss %.4f", s.loss()), 1);
        add(text, priority, TrainingSummary.compact(s.tokensPerSecond()) + " tok/s", 6);
        boolean[] kept = new boolean[text.size()];
        java.util.Arrays.fill(kept, true);
        for (int drop = 7; join(text, kept, bar).length() > width && drop > 0; drop--) {
            for (int i = 0; i < kept.length; i++) if (priority.get(i) == drop) kept[i] = false;
        }
        String line = join(text, kept, bar);
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    private static void add(List<String> text, List<Integer> priority, String part, int p) {
        text.add(part);
        priority.add(p);
    }

    private static String join(List<String> text, boolean[] kept, boolean bar) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kept.length; i++) {
            if (!kept[i]) continue;
            if (!sb.isEmpty()) sb.append(separator(i, bar));
            sb.append(text.get(i));
        }
        return sb.toString();
    }

    /** Before part {@code i}: one space up to the first field after the percentage (and bar), two between fields. */
    private static String separator(int i, boolean bar) {
        return i <= (bar ? 3 : 2) ? " " : "  ";
    }

    /** "[=====>      ]" of {@code width} characters in all. */
    static String bar(double fraction, int width) {
        int inner = Math.max(1, width - 2);
        int full = (int) Math.floor(fraction * inner);
        StringBuilder sb = new StringBuilder(width).append('[');
        for (int i = 0; i < inner; i++) sb.append(i < full ? '=' : i == full ? '>' : ' ');
        return sb.append(']').toString();
    }

    /** 75 -> "1:15", 3725 -> "1:02:05". */
    static String clock(double seconds) {
        long s = (long) Math.floor(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
