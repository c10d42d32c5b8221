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

    public History fit(Tensor x, Tensor y, FitOptions options, List<Callback> callbacks) {
        Batches.requireHostData(x, "x");
        Batches.requireHostData(y, "y");
        if (x.dim(0) != y.dim(0)) throw new IllegalArgumentException("x has " + x.dim(0) + " samples but y has " + y.dim(0));
        int n = Math.toIntExact(x.dim(0));
        int trainCount = n;
        Tensor vx = options.validationX(), vy = options.validationY();
        if (options.validationSplit() > 0) {
            trainCount = n - (int) Math.floor(n * options.validationSplit());
            if (trainCount < 1 || trainCount == n) {
                throw new IllegalArgumentException("validation split " + options.validationSplit() + " of " + n + " samples leaves no training or validation data");
            }
            vx = x.slice(0, trainCount, n);
            vy = y.slice(0, trainCount, n);
        }
        for (Callback c : callbacks) c.onTrainBegin(model);
        List<Map<String, Double>> epochs = new ArrayList<>();
        boolean stopped = false;
        for (int epoch = 0; epoch < options.epochs() && !stopped; epoch++) {
            int[] order = Batches.identity(trainCount);
            if (options.shuffle()) shuffle(order, new SplittableRandom(options.seed() * 1_000_003L + epoch));
            resetMetrics();
            double lossSum = 0;
            int batches = (trainCount + options.batchSize() - 1) / options.batchSize();
            for (int b = 0; b < batches; b++) {
                int from = b * options.batchSize();
                int count = Math.min(options.batchSize(), trainCount - from);
                StepResult r;
                try (TensorScope batch = TensorScope.open()) {
                    r = trainStep(Batches.gather(batch, x, order, from, count), Batches.gather(batch, y, order, from, count));
                }
                lossSum += (double) r.loss() * count;
                var end = new Callback.BatchEnd(epoch, b, batches, r.step(), r.loss(), count, (long) count * (x.elementCount() / x.dim(0)));
                for (Callback c : callbacks) c.onBatchEnd(model, end);
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / trainCount);
            for (Metric m : metrics) logs.put(m.name(), m.result());
            if (vx != null) {
                for (var e : evaluate(vx, vy, options.batchSize()).entrySet()) logs.put("val_" + e.getKey(), e.getValue());
            }
            logs.put("lr", (double) optimizer.learningRate());
            epochs.add(logs);
            for (Callback c : callbacks) stopped |= !c.onEpochEnd(model, epoch, logs);
        }
        History history = new History(epochs, stopped);
        for (Callback c : callbacks) c.onTrainEnd(model, history);
        return history;
    }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        Batches.requireHostData(x, "x");
        Batches.requireHostData(y, "y");
        if (x.dim(0) != y.dim(0)) throw new IllegalArgumentException("x has " + x.dim(0) + " samples but y has " + y.dim(0));
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int n = Math.toIntExact(x.dim(0));
        resetMetrics();
        double lossSum = 0;
        int[] rows = Batches.identity(n);
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            try (TensorScope batch = TensorScope.open(); GradientTape tape = model.tape(false)) {
                Tensor by = Batches.gather(batch, y, rows, from, count);
                Variable prediction = model.call(tape, tape.constant(Batches.gather(batch, x, rows, from, count)));
                lossSum += (double) Losses.value(tape, loss.compute(tape, prediction, tape.constant(by))) * count;
                updateMetrics(tape, prediction, by);
            }
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / n);
        for (Metric m : metrics) logs.put(m.name(), m.result());
        return logs;
    }

    /** Inference in batches; the model's first output for every row of x, as a host tensor in {@code out}. */
    public static Tensor predict(Model model, TensorScope out, Tensor x, int batchSize) {
        Batches.requireHostData(x, "x");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int n = Math.toIntExact(x.dim(0));
        int[] rows = Batches.identity(n);
        Tensor result = null;
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            try (TensorScope batch = TensorScope.open(); GradientTape tape = model.tape(false)) {
                Variable prediction = model.call(tape, List.of(tape.constant(Batches.gather(batch, x, rows, from, count)))).getFirst();
                if (result == null) {
                    long[] shape = prediction.shape();
                    shape[0] = n;
                    result = out.zeros(shape);
                }
                model.backend().copy(prediction.value(), result.slice(0, from, from + count));
            }
        }
        return result;
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
        int[] lengths = prediction.seqLengths();
        if (lengths != null && prediction.rank() >= 2 && t.length == prediction.dim(0) * prediction.dim(1)) {
            int steps = (int) prediction.dim(1);
            valid = new boolean[t.length];
            for (int i = 0; i < t.length; i++) valid[i] = i % steps < lengths[i / steps];
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
