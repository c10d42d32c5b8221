package dev.rnn4j.model.train;

import java.util.List;
import java.util.Map;

/** Per-epoch logs of a fit ("loss", "accuracy", "val_loss", ...), and the epoch training stopped after. */
public record History(List<Map<String, Double>> epochs, boolean stoppedEarly) {

    public History {
        epochs = List.copyOf(epochs);
    }

    /** The series of one log key over the epochs (NaN where an epoch lacks it). */
    public double[] get(String key) {
        return epochs.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).toArray();
    }

    public Map<String, Double> last() {
        return epochs.isEmpty() ? Map.of() : epochs.getLast();
    }
}
