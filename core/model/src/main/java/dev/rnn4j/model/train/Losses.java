package dev.rnn4j.model.train;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.ops.LossOps;

import java.util.Map;

/** Keras' losses. Predictions of padded steps (beyond a sequence's mask length) do not count. */
public final class Losses {

    private Losses() {
    }

    /**
     * Sparse categorical cross-entropy: prediction [N, C] or [B, T, C], int32 labels [N] or [B, T] in [0, C).
     * {@code fromLogits}: the prediction is logits (softmax fused into the loss) rather than probabilities.
     */
    public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return new Named("sparse_categorical_crossentropy", fromLogits,
                (tape, p, t) -> fromLogits ? LossOps.softmaxCrossEntropy(tape, p, t) : LossOps.crossEntropyFromProbabilities(tape, p, t));
    }

    /** Binary cross-entropy: prediction [N] or [N, 1] (probabilities, or logits when {@code fromLogits}), targets 0/1. */
    public static Loss binaryCrossentropy(boolean fromLogits) {
        return new Named("binary_crossentropy", fromLogits, (tape, p, t) -> LossOps.binaryCrossEntropy(tape, p, t, fromLogits));
    }

    /** Mean squared error over all elements. */
    public static Loss meanSquaredError() {
        return new Named("mean_squared_error", false, LossOps::meanSquaredError);
    }

    /** Re-creates a loss from its {@link Loss#config()}. */
    public static Loss fromConfig(Map<String, Object> config) {
        String name = String.valueOf(config.get("name"));
        boolean fromLogits = Boolean.TRUE.equals(config.get("from_logits"));
        return switch (name) {
            case "sparse_categorical_crossentropy" -> sparseCategoricalCrossentropy(fromLogits);
            case "binary_crossentropy" -> binaryCrossentropy(fromLogits);
            case "mean_squared_error" -> meanSquaredError();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'");
        };
    }

    /** The loss value of a computed loss variable, read back to the host. */
    public static float value(GradientTape tape, Variable loss) {
        return HostData.scalar(tape.backend(), loss.value());
    }

    private interface Fn {
        Variable apply(GradientTape tape, Variable prediction, Variable target);
    }

    private record Named(String name, boolean fromLogits, Fn fn) implements Loss {
        @Override
        public Variable compute(GradientTape tape, Variable prediction, Variable target) {
            return fn.apply(tape, prediction, target);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("name", name, "from_logits", fromLogits);
        }
    }
}
