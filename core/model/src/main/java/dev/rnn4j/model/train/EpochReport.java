package dev.rnn4j.model.train;

import dev.rnn4j.model.Model;
import dev.rnn4j.model.Numbers;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * The line per epoch that {@code fit} prints when {@link FitOptions#verbose()} is on (Keras' verbose=2):
 * {@code Epoch 3/10 - 32 steps - 1.2 s - loss: 0.4523 - accuracy: 0.8125 - val_loss: 0.5012 - lr: 0.0100}
 * (times under a second in ms),
 * every log value with {@link Numbers#format}. Usable as a callback of its own with another stream.
 */
public final class EpochReport implements Callback {

    private final PrintStream out;
    private final int epochs;
    private long epochStart;
    private int steps;

    /** Reports to {@code out}; {@code epochs} is the number planned (shown as "Epoch e/epochs"). */
    public EpochReport(PrintStream out, int epochs) {
        this.out = Objects.requireNonNull(out, "out");
        this.epochs = epochs;
    }

    @Override
    public void onEpochBegin(Model model, int epoch) {
        epochStart = System.nanoTime();
        steps = 0;
    }

    @Override
    public void onBatchEnd(Model model, BatchEnd batch) {
        steps++;
    }

    @Override
    public boolean onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        out.println(line(epoch, epochs, steps, (System.nanoTime() - epochStart) / 1e9, logs));
        out.flush();
        return true;
    }

    /** "Epoch e/n - s steps - t s - key: value - ...". */
    static String line(int epoch, int epochs, int steps, double seconds, Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder("Epoch ").append(epoch + 1).append('/').append(epochs).append(" - ").append(steps)
                .append(steps == 1 ? " step - " : " steps - ")
                .append(seconds < 1 ? Math.round(seconds * 1000) + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", seconds));
        logs.forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(Numbers.format(v)));
        return sb.toString();
    }
}
