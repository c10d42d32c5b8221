package dev.rnn4j.model.train;

import dev.rnn4j.model.Model;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Hooks into {@link Model#fit}, called in this order: onTrainBegin, then per epoch onEpochBegin, per batch
 * onBatchBegin and onBatchEnd, then onEpochEnd; finally onTrainEnd. Every method has an empty default;
 * {@link LambdaCallback} builds one from lambdas.
 */
public interface Callback {

    /** One finished batch: epoch (0-based), batch index, batches per epoch, its loss and sample count. */
    record BatchEnd(int epoch, int batch, int batches, long globalStep, double loss, int samples, long elements) {
    }

    default void onTrainBegin(Model model) {
    }

    /** Before epoch {@code epoch} (0-based). */
    default void onEpochBegin(Model model, int epoch) {
    }

    /** Before batch {@code batch} (0-based) of epoch {@code epoch}. */
    default void onBatchBegin(Model model, int epoch, int batch) {
    }

    default void onBatchEnd(Model model, BatchEnd batch) {
    }

    /** Called with the epoch's logs; return false to stop training after this epoch. */
    default boolean onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        return true;
    }

    default void onTrainEnd(Model model, History history) {
    }

    /** A per-epoch hook. */
    static Callback perEpoch(BiConsumer<Integer, Map<String, Double>> hook) {
        return new Callback() {
            @Override
            public boolean onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
                hook.accept(epoch, logs);
                return true;
            }
        };
    }
}
