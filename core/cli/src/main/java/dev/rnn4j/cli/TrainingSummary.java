package dev.rnn4j.cli;

import dev.rnn4j.model.train.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words and numbers a training run reports: a line per epoch (Keras' names: loss, accuracy, val_loss,
 * val_accuracy; for language models also the validation loss in bits per token), and at the end why training
 * stopped and each final figure, named.
 *
 * @param tokenUnit  "char" or "word" for a language model (bits per char/word are reported), null for a classifier
 * @param heldOut    what the validation examples are, e.g. "62 windows of 100 chars" or "40 examples" (null: none)
 */
record TrainingSummary(String tokenUnit, String heldOut) {

    static final int WIDTH = 79;

    /**
     * "epoch 2/5: loss 1.2345, val_loss 1.3012, val bits/char 1.877", wrapped at {@link #WIDTH}; {@code note}
     * (may be null) qualifies the loss, e.g. "cut short" for an epoch a limit ended.
     */
    List<String> epochLine(int epoch, int epochs, Map<String, Double> logs, String note) {
        List<String> items = new ArrayList<>();
        items.add("loss " + f4(logs.get("loss")) + (note != null ? " (" + note + ")" : ""));
        if (logs.containsKey("accuracy")) items.add("accuracy " + percent(logs.get("accuracy")));
        if (logs.containsKey("val_loss")) items.add("val_loss " + f4(logs.get("val_loss")));
        if (logs.containsKey("val_accuracy")) items.add("val_accuracy " + percent(logs.get("val_accuracy")));
        if (tokenUnit != null && logs.containsKey("val_loss")) items.add("val bits/" + tokenUnit + " " + f3(bits(logs.get("val_loss"))));
        return wrap("epoch " + epoch + "/" + epochs + ": ", items);
    }

    /** Why training ended, in a sentence (wrapped under 80 columns). */
    static List<String> stopLine(History.StopReason reason, String signal, TrainOptions t, TrainingRun run) {
        int epoch = Math.max(1, run.nextBatch() == 0 ? run.nextEpoch() : run.nextEpoch() + 1); // 1-based epoch of the last step
        String at = String.format(Locale.ROOT, "at step %,d (epoch %d/%d)", run.steps(), epoch, t.epochs);
        return switch (reason) {
            case EPOCHS_DONE -> List.of("done: " + count(t.epochs, "epoch") + ", " + count(run.steps(), "step"));
            case TIME_BUDGET -> wrap("stopped: ", List.of("the time budget ran out (--seconds " + number(t.seconds) + ")", at));
            case STEP_LIMIT -> wrap("stopped: ", List.of(String.format(Locale.ROOT, "--steps %,d reached (epoch %d/%d)", t.steps, epoch, t.epochs)));
            case STOPPED -> wrap("stopped by " + (signal != null ? signal : "a request") + " ", List.of(at));
        };
    }

    /** The final figures, each named: training loss, validation loss, bits per token or accuracy. */
    List<String> finalFigures(TrainingRun run) {
        List<String> lines = new ArrayList<>();
        List<TrainingRun.EpochLog> epochs = run.epochs();
        if (epochs.isEmpty()) return lines;
        TrainingRun.EpochLog last = epochs.getLast();
        lines.add(String.format(Locale.ROOT, "training loss (mean of epoch %d%s): %s", last.epoch(),
                run.nextBatch() > 0 && run.nextEpoch() + 1 == last.epoch() ? ", cut short" : "", f4(last.logs().get("loss"))));
        if (last.logs().containsKey("accuracy")) lines.add("training accuracy (epoch " + last.epoch() + "): " + percent(last.logs().get("accuracy")));
        TrainingRun.EpochLog validated = null;
        for (TrainingRun.EpochLog e : epochs) if (e.logs().containsKey("val_loss")) validated = e;
        if (heldOut == null) {
            lines.add("validation: none (--validation-split 0, or too few examples to hold any out)");
        } else if (validated == null) {
            lines.add("validation: not run (training stopped before an epoch ended)");
        } else {
            lines.add(String.format(Locale.ROOT, "validation loss (after epoch %d, step %,d): %s", validated.epoch(), validated.step(), f4(validated.logs().get("val_loss"))));
            if (tokenUnit != null) lines.add("validation bits per " + tokenUnit + ": " + f3(bits(validated.logs().get("val_loss"))));
            if (validated.logs().containsKey("val_accuracy")) lines.add("validation accuracy: " + percent(validated.logs().get("val_accuracy")));
            lines.add("validation data: " + heldOut + " held out");
        }
        return lines;
    }

    /** Cross-entropy in nats per token, in bits per token. */
    static double bits(double nats) {
        return nats / Math.log(2);
    }

    /** {@code head} then the items joined by ", ", wrapped at {@link #WIDTH} with continuation lines indented. */
    static List<String> wrap(String head, List<String> items) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(head);
        boolean first = true;
        for (String item : items) {
            String piece = (first ? "" : ", ") + item;
            if (!first && line.length() + piece.length() + 1 > WIDTH) {
                lines.add(line.append(',').toString());
                line = new StringBuilder("  ").append(item);
            } else {
                line.append(piece);
            }
            first = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** {@code line} cut to {@code width} characters, the cut marked with "...". */
    static String clip(String line, int width) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width - 3)) + "...";
    }

    /** "1 step", "1,234 steps". */
    static String count(long n, String unit) {
        return String.format(Locale.ROOT, "%,d %s%s", n, unit, n == 1 ? "" : "s");
    }

    /** 1234 -> "1.2k", 2_500_000 -> "2.5M". */
    static String compact(double v) {
        if (v >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        if (v >= 1e3) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** 600.0 -> "600", 0.5 -> "0.5". */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String f4(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String percent(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}
