package dev.rnn4j.model.train;

import java.util.List;
import java.util.Map;

/**
 * Per-epoch logs of a fit ("loss", "accuracy", "val_loss", ...; an epoch cut short by a stop has the logs of
 * its finished batches), the optimizer steps taken, and why training ended.
 */
public record History(List<Map<String, Double>> epochs, long steps, StopReason stopReason) {

    /** Why {@code fit} returned. */
    public enum StopReason {
        /** every epoch ran */
        EPOCHS_DONE,
        /** {@link FitOptions#timeBudget} was spent */
        TIME_BUDGET,
        /** {@link FitOptions#steps} optimizer steps were taken */
        STEP_LIMIT,
        /** a callback returned false from onEpochEnd, or someone called {@code Model.stopTraining()} */
        STOPPED
    }

    public History {
        epochs = List.copyOf(epochs);
        java.util.Objects.requireNonNull(stopReason, "stopReason");
    }

    /** True unless every epoch ran. */
    public boolean stoppedEarly() {
        return stopReason != StopReason.EPOCHS_DONE;
    }

    /** The series of one log key over the epochs (NaN where an epoch lacks it). */
    public double[] get(String key) {
        return epochs.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).toArray();
    }

    public Map<String, Double> last() {
        return epochs.isEmpty() ? Map.of() : epochs.getLast();
    }
}
