package dev.rnn4j.model.train;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** What {@link Model#compile} sets up: the optimizer, loss and metrics, and the fit/evaluate/predict loops. */
public final class Trainer implements AutoCloseable {

    private final Model model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final List<Metric> metrics;
    private volatile boolean stopRequested;

    public Trainer(Model model, Optimizer optimizer, Loss loss, List<Metric> metrics) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.optimizer = java.util.Objects.requireNonNull(optimizer, "optimizer");
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
        this.metrics = List.copyOf(metrics);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** The result of one training step. */
    public record StepResult(float loss, long step) {
    }

    /**
     * One training step on a batch (host or device tensors): forward, loss, backward, clipping, optimizer
     * update. A non-finite loss stops with an {@link IllegalStateException} naming the step.
     */
    public StepResult trainStep(Tensor x, Tensor y) {
        try (GradientTape tape = model.tape(true)) {
            Variable prediction = model.call(tape, tape.constant(x));
            Variable l = loss.compute(tape, prediction, tape.constant(y));
            float value = Losses.value(tape, l);
            long step = optimizer.iterations() + 1;
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("loss is " + value + " at training step " + step + " (optimizer iteration " + optimizer.iterations()
                        + "); lower the learning rate or clip gradients");
            }
            tape.backward(l);
            optimizer.step(model.backend(), model.parameters());
            updateMetrics(tape, prediction, y);
            return new StepResult(value, step);
        }
    }

    /** {@link #fit(Dataset, FitOptions, List)} on in-memory host tensors. */
    public History fit(Tensor x, Tensor y, FitOptions options, List<Callback> callbacks) {
        return fit(Dataset.of(x, y), options, callbacks);
    }

    /**
     * Keras' fit loop over {@code data}: per epoch a (seeded) shuffle, one {@link #trainStep} per batch, the
     * epoch's logs (with validation), callbacks. Ends when the epochs are done, the time budget or the step
     * limit is reached, an {@code onEpochEnd} returns false, or {@link #requestStop()} is called (checked
     * after every batch; the epoch cut short still gets its logs and callbacks).
     */
    public History fit(Dataset data, FitOptions options, List<Callback> callbacks) {
        int n = data.size();
        if (n < 1) throw new IllegalArgumentException("empty data: the dataset has no examples");
        int trainCount = n;
        Dataset train = data;
        Dataset validation = options.validationX() == null ? null : Dataset.of(options.validationX(), options.validationY());
        if (options.validationSplit() > 0) {
            trainCount = n - (int) Math.floor(n * options.validationSplit());
            if (trainCount < 1 || trainCount == n) {
                throw new IllegalArgumentException("validation split " + options.validationSplit() + " of " + n + " samples leaves no training or validation data");
            }
            train = data.range(0, trainCount);
            validation = data.range(trainCount, n);
        }
        stopRequested = false;
        long deadline = options.timeBudget() == null ? Long.MAX_VALUE : System.nanoTime() + options.timeBudget().toNanos();
        for (Callback c : callbacks) c.onTrainBegin(model);
        List<Map<String, Double>> epochs = new ArrayList<>();
        History.StopReason reason = History.StopReason.EPOCHS_DONE;
        long steps = 0;
        for (int epoch = 0; epoch < options.epochs() && reason == History.StopReason.EPOCHS_DONE; epoch++) {
            int[] order = Batches.identity(trainCount);
            if (options.shuffle()) shuffle(order, new SplittableRandom(options.seed() * 1_000_003L + epoch));
            resetMetrics();
            double lossSum = 0;
            int seen = 0;
            int batches = (trainCount + options.batchSize() - 1) / options.batchSize();
            for (int b = 0; b < batches && reason == History.StopReason.EPOCHS_DONE; b++) {
                int from = b * options.batchSize();
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(trainCount, from + options.batchSize()));
                StepResult r;
                long elements;
                try (TensorScope scope = TensorScope.open()) {
                    Dataset.Batch batch = train.batch(scope, rows);
                    r = trainStep(batch.x(), batch.y());
                    elements = batch.elements();
                }
                steps++;
                seen += rows.length;
                lossSum += (double) r.loss() * rows.length;
                var end = new Callback.BatchEnd(epoch, b, batches, r.step(), r.loss(), rows.length, elements);
                for (Callback c : callbacks) c.onBatchEnd(model, end);
                if (stopRequested) reason = History.StopReason.STOPPED;
                else if (options.steps() > 0 && steps >= options.steps()) reason = History.StopReason.STEP_LIMIT;
                else if (System.nanoTime() >= deadline) reason = History.StopReason.TIME_BUDGET;
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen);
            for (Metric m : metrics) logs.put(m.name(), m.result());
            if (validation != null) {
                for (var e : evaluate(validation, options.batchSize()).entrySet()) logs.put("val_" + e.getKey(), e.getValue());
            }
            logs.put("lr", (double) optimizer.learningRate());
            epochs.add(logs);
            boolean carryOn = true;
            for (Callback c : callbacks) carryOn &= c.onEpochEnd(model, epoch, logs);
            if (reason == History.StopReason.EPOCHS_DONE && (!carryOn || stopRequested)) reason = History.StopReason.STOPPED;
        }
        History history = new History(epochs, steps, reason);
        for (Callback c : callbacks) c.onTrainEnd(model, history);
        return history;
    }

    /**
     * Ends {@link #fit} after the current batch (Keras' {@code model.stop_training = True}). Safe to call from
     * any thread, e.g. a signal handler or a callback.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Mean loss and metrics over host tensors (x, y). */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return evaluate(Dataset.of(x, y), batchSize);
    }

    /** Mean loss and metrics over {@code data}, in order, in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int n = data.size();
        if (n < 1) throw new IllegalArgumentException("empty data: the dataset has no examples");
        resetMetrics();
        double lossSum = 0;
        int[] all = Batches.identity(n);
        for (int from = 0; from < n; from += batchSize) {
            int[] rows = java.util.Arrays.copyOfRange(all, from, Math.min(n, from + batchSize));
            try (TensorScope scope = TensorScope.open(); GradientTape tape = model.tape(false)) {
                Dataset.Batch batch = data.batch(scope, rows);
                Variable prediction = model.call(tape, tape.constant(batch.x()));
                lossSum += (double) Losses.value(tape, loss.compute(tape, prediction, tape.constant(batch.y()))) * rows.length;
                updateMetrics(tape, prediction, batch.y());
            }
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / n);
        for (Metric m : metrics) logs.put(m.name(), m.result());
        return logs;
    }

    private void resetMetrics() {
        for (Metric m : metrics) m.reset();
    }

    private void updateMetrics(GradientTape tape, Variable prediction, Tensor y) {
        if (metrics.isEmpty()) return;
        float[] p = HostData.floats(tape.backend(), prediction.value());
        float[] t = HostData.asFloats(tape.backend(), y);
        int classes = p.length / t.length;
        boolean[] valid = null;
        dev.rnn4j.model.SequenceMask mask = prediction.mask();
        if (mask != null && prediction.rank() >= 2 && t.length == prediction.dim(0) * prediction.dim(1)) {
            int steps = (int) prediction.dim(1);
            valid = new boolean[t.length];
            for (int i = 0; i < t.length; i++) valid[i] = mask.valid(i / steps, i % steps, steps);
        }
        for (Metric m : metrics) m.update(p, classes, t, valid);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
