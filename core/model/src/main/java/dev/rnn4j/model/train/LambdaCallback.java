package dev.rnn4j.model.train;

import dev.rnn4j.model.Model;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keras' {@code LambdaCallback}: a {@link Callback} made of lambdas, one per hook, each optional.
 *
 * <pre>{@code
 * model.fit(data, options, new LambdaCallback()
 *         .onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("val_loss")))
 *         .onBatchEnd(batch -> losses.add(batch.loss())));
 * }</pre>
 * Setters replace the lambda of their hook and return this callback.
 */
public final class LambdaCallback implements Callback {

    private Runnable trainBegin = () -> { };
    private IntConsumer epochBegin = epoch -> { };
    private BiConsumer<Integer, Integer> batchBegin = (epoch, batch) -> { };
    private Consumer<BatchEnd> batchEnd = batch -> { };
    private BiPredicate<Integer, Map<String, Double>> epochEnd = (epoch, logs) -> true;
    private Consumer<History> trainEnd = history -> { };

    public LambdaCallback onTrainBegin(Runnable hook) {
        this.trainBegin = Objects.requireNonNull(hook, "hook");
        return this;
    }

    public LambdaCallback onEpochBegin(IntConsumer hook) {
        this.epochBegin = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** {@code hook} gets (epoch, batch), both 0-based. */
    public LambdaCallback onBatchBegin(BiConsumer<Integer, Integer> hook) {
        this.batchBegin = Objects.requireNonNull(hook, "hook");
        return this;
    }

    public LambdaCallback onBatchEnd(Consumer<BatchEnd> hook) {
        this.batchEnd = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** {@code hook} gets (epoch, logs); training goes on. */
    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> hook) {
        Objects.requireNonNull(hook, "hook");
        this.epochEnd = (epoch, logs) -> {
            hook.accept(epoch, logs);
            return true;
        };
        return this;
    }

    /** {@code hook} gets (epoch, logs) and returns false to stop training after this epoch. */
    public LambdaCallback onEpochEndOrStop(BiPredicate<Integer, Map<String, Double>> hook) {
        this.epochEnd = Objects.requireNonNull(hook, "hook");
        return this;
    }

    public LambdaCallback onTrainEnd(Consumer<History> hook) {
        this.trainEnd = Objects.requireNonNull(hook, "hook");
        return this;
    }

    @Override
    public void onTrainBegin(Model model) {
        trainBegin.run();
    }

    @Override
    public void onEpochBegin(Model model, int epoch) {
        epochBegin.accept(epoch);
    }

    @Override
    public void onBatchBegin(Model model, int epoch, int batch) {
        batchBegin.accept(epoch, batch);
    }

    @Override
    public void onBatchEnd(Model model, BatchEnd batch) {
        batchEnd.accept(batch);
    }

    @Override
    public boolean onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        return epochEnd.test(epoch, logs);
    }

    @Override
    public void onTrainEnd(Model model, History history) {
        trainEnd.accept(history);
    }
}
