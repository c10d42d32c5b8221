package dev.rnn4j.model.train;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Numbers;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.ops.LossOps;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What {@link Model#compile} sets up: the optimizer and one objective per trained output (its loss, weight
 * and metrics), and the fit/evaluate loops. The loss minimised is Σ weight·loss over the objectives (Keras'
 * loss_weights). Logs use Keras' keys: "loss" (the weighted total), and with several objectives
 * "&lt;output&gt;_loss" and "&lt;output&gt;_&lt;metric&gt;"; with one, the metric names alone.
 */
public final class Trainer implements AutoCloseable {

    /** One trained output: its index among the model's outputs, its name, loss, loss weight and metrics. */
    public record Objective(int output, String name, Loss loss, double weight, List<Metric> metrics) {
        public Objective {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(loss, "loss");
            metrics = List.copyOf(metrics);
        }
    }

    private final Model model;
    private final Optimizer optimizer;
    private final List<Objective> objectives;
    private volatile boolean stopRequested;

    /** One output trained with {@code loss} and {@code metrics} (the model's first output). */
    public Trainer(Model model, Optimizer optimizer, Loss loss, List<Metric> metrics) {
        this(model, optimizer, List.of(new Objective(0, "output", loss, 1.0, metrics)));
    }

    public Trainer(Model model, Optimizer optimizer, List<Objective> objectives) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.optimizer = java.util.Objects.requireNonNull(optimizer, "optimizer");
        if (objectives.isEmpty()) throw new IllegalArgumentException("a trainer needs at least one loss");
        this.objectives = List.copyOf(objectives);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss of a model trained on one output; with several, use {@link #objectives()}. */
    public Loss loss() {
        if (objectives.size() != 1) throw new IllegalStateException("the model is trained on " + objectives.size() + " outputs; see objectives()");
        return objectives.getFirst().loss();
    }

    public List<Objective> objectives() {
        return objectives;
    }

    /** The metrics of every objective, in order. */
    public List<Metric> metrics() {
        return objectives.stream().flatMap(o -> o.metrics().stream()).toList();
    }

    /** The result of one training step: the weighted total loss, the optimizer step, and each objective's loss. */
    public record StepResult(float loss, long step, float[] objectiveLosses) {
    }

    /** {@link #trainStep(List, List)} for one input and one target. */
    public StepResult trainStep(Tensor x, Tensor y) {
        return trainStep(List.of(x), List.of(y));
    }

    /**
     * One training step on a batch (host or device tensors: one per model input, one target per objective): forward,
     * losses, backward, clipping, optimizer update. A non-finite loss stops with an {@link IllegalStateException}
     * naming the step.
     */
    public StepResult trainStep(List<Tensor> inputs, List<Tensor> targets) {
        requireTargets(targets);
        try (GradientTape tape = model.stepTape(true)) {
            List<Variable> outputs = model.call(tape, inputs.stream().map(tape::constant).toList());
            List<Variable> losses = losses(tape, outputs, targets);
            Variable total = total(tape, losses);
            float value = Losses.value(tape, total);
            long step = optimizer.iterations() + 1;
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("loss is " + value + " at training step " + step + " (optimizer iteration " + optimizer.iterations()
                        + "); lower the learning rate or clip gradients");
            }
            float[] each = values(tape, losses);
            tape.backward(total);
            optimizer.step(model.backend(), model.parameters());
            updateMetrics(tape, outputs, targets);
            return new StepResult(value, step, each);
        }
    }

    private void requireTargets(List<Tensor> targets) {
        if (targets.size() != objectives.size()) {
            throw new IllegalArgumentException("the model is trained on " + objectives.size() + " output(s) " + objectives.stream().map(Objective::name).toList()
                    + " and needs one target each, got " + targets.size());
        }
    }

    private List<Variable> losses(GradientTape tape, List<Variable> outputs, List<Tensor> targets) {
        List<Variable> losses = new ArrayList<>();
        for (int k = 0; k < objectives.size(); k++) {
            Objective o = objectives.get(k);
            losses.add(o.loss().compute(tape, outputs.get(o.output()), tape.constant(targets.get(k))));
        }
        return losses;
    }

    /** The loss itself for one objective of weight 1 (so single-output training is unchanged), else Σ weight·loss. */
    private Variable total(GradientTape tape, List<Variable> losses) {
        if (losses.size() == 1 && objectives.getFirst().weight() == 1.0) return losses.getFirst();
        float[] weights = new float[losses.size()];
        for (int k = 0; k < weights.length; k++) weights[k] = (float) objectives.get(k).weight();
        return LossOps.weightedSum(tape, losses, weights);
    }

    private static float[] values(GradientTape tape, List<Variable> losses) {
        float[] v = new float[losses.size()];
        for (int k = 0; k < v.length; k++) v[k] = Losses.value(tape, losses.get(k));
        return v;
    }

    /** {@link #fit(Dataset, FitOptions, List)} on in-memory host tensors. */
    public History fit(Tensor x, Tensor y, FitOptions options, List<Callback> callbacks) {
        return fit(Dataset.of(x, y), options, callbacks);
    }

    /**
     * Keras' fit loop over {@code data}: per epoch a (seeded) shuffle, one {@link #trainStep} per batch, the
     * epoch's logs (with validation), callbacks (and the {@link EpochReport} when {@link FitOptions#verbose()}).
     * Starts at {@link FitOptions#initialEpoch()} and {@link FitOptions#initialBatch()} (the batches before it in
     * that epoch's order are skipped). Ends when the epochs are done, the time budget or the step limit is
     * reached, an {@code onEpochEnd} returns false, or {@link #requestStop()} is called (checked after every
     * batch; the epoch cut short still gets its logs and callbacks, without validation when a stop was
     * requested: the caller wants training to end now).
     */
    public History fit(Dataset data, FitOptions options, List<Callback> callbacks) {
        int n = data.size();
        if (n < 1) throw new IllegalArgumentException("empty data: the dataset has no examples");
        int trainCount = n;
        Dataset train = data;
        Dataset validation = options.validationData();
        if (options.validationSplit() > 0) {
            trainCount = n - (int) Math.floor(n * options.validationSplit());
            if (trainCount < 1 || trainCount == n) {
                throw new IllegalArgumentException("validation split " + options.validationSplit() + " of " + n + " samples leaves no training or validation data");
            }
            train = data.range(0, trainCount);
            validation = data.range(trainCount, n);
        }
        List<Callback> all = new ArrayList<>(callbacks);
        if (options.verbose()) all.add(new EpochReport(System.out, options.epochs()));
        int batches = (trainCount + options.batchSize() - 1) / options.batchSize();
        if (options.initialBatch() >= batches) {
            throw new IllegalArgumentException("initial batch " + options.initialBatch() + " is past the end of an epoch of " + batches + " batches");
        }
        stopRequested = false;
        long deadline = options.timeBudget() == null ? Long.MAX_VALUE : System.nanoTime() + options.timeBudget().toNanos();
        for (Callback c : all) c.onTrainBegin(model);
        List<Map<String, Double>> epochs = new ArrayList<>();
        History.StopReason reason = History.StopReason.EPOCHS_DONE;
        long steps = 0;
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && reason == History.StopReason.EPOCHS_DONE; epoch++) {
            for (Callback c : all) c.onEpochBegin(model, epoch);
            int[] order = Batches.identity(trainCount);
            if (options.shuffle()) shuffle(order, new SplittableRandom(options.seed() * 1_000_003L + epoch));
            resetMetrics();
            double lossSum = 0;
            double[] objectiveSums = new double[objectives.size()];
            int seen = 0;
            int first = epoch == options.initialEpoch() ? options.initialBatch() : 0;
            for (int b = first; b < batches && reason == History.StopReason.EPOCHS_DONE; b++) {
                for (Callback c : all) c.onBatchBegin(model, epoch, b);
                int from = b * options.batchSize();
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(trainCount, from + options.batchSize()));
                StepResult r;
                long elements;
                try (TensorScope scope = TensorScope.open()) {
                    Dataset.Batch batch = train.batch(scope, rows);
                    r = trainStep(batch.inputs(), batch.targets());
                    elements = batch.elements();
                }
                steps++;
                seen += rows.length;
                lossSum += (double) r.loss() * rows.length;
                for (int k = 0; k < objectiveSums.length; k++) objectiveSums[k] += (double) r.objectiveLosses()[k] * rows.length;
                var end = new Callback.BatchEnd(epoch, b, batches, r.step(), r.loss(), rows.length, elements);
                for (Callback c : all) c.onBatchEnd(model, end);
                if (stopRequested) reason = History.StopReason.STOPPED;
                else if (options.steps() > 0 && steps >= options.steps()) reason = History.StopReason.STEP_LIMIT;
                else if (System.nanoTime() >= deadline) reason = History.StopReason.TIME_BUDGET;
            }
            for (int k = 0; k < objectiveSums.length; k++) objectiveSums[k] /= seen;
            Map<String, Double> logs = logs(lossSum / seen, objectiveSums);
            if (validation != null && reason != History.StopReason.STOPPED) {
                for (var e : evaluate(validation, options.batchSize()).entrySet()) logs.put("val_" + e.getKey(), e.getValue());
            }
            logs.put("lr", Numbers.exact(optimizer.learningRate()));
            epochs.add(logs);
            boolean carryOn = true;
            for (Callback c : all) carryOn &= c.onEpochEnd(model, epoch, logs);
            if (reason == History.StopReason.EPOCHS_DONE && (!carryOn || stopRequested)) reason = History.StopReason.STOPPED;
        }
        History history = new History(epochs, steps, reason);
        for (Callback c : all) c.onTrainEnd(model, history);
        return history;
    }

    /** "loss", then per objective "&lt;name&gt;_loss" (several objectives only) and its metrics' results. */
    private Map<String, Double> logs(double loss, double[] objectiveLosses) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        boolean several = objectives.size() > 1;
        for (int k = 0; k < objectives.size(); k++) {
            Objective o = objectives.get(k);
            if (several) logs.put(o.name() + "_loss", objectiveLosses[k]);
            for (Metric m : o.metrics()) logs.put(several ? o.name() + "_" + m.name() : m.name(), m.result());
        }
        return logs;
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

    /** Mean losses and metrics over {@code data}, in order, in batches of {@code batchSize} (the keys of the fit logs). */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int n = data.size();
        if (n < 1) throw new IllegalArgumentException("empty data: the dataset has no examples");
        resetMetrics();
        double lossSum = 0;
        double[] objectiveSums = new double[objectives.size()];
        int[] all = Batches.identity(n);
        for (int from = 0; from < n; from += batchSize) {
            int[] rows = java.util.Arrays.copyOfRange(all, from, Math.min(n, from + batchSize));
            try (TensorScope scope = TensorScope.open(); GradientTape tape = model.stepTape(false)) {
                Dataset.Batch batch = data.batch(scope, rows);
                requireTargets(batch.targets());
                List<Variable> outputs = model.call(tape, batch.inputs().stream().map(tape::constant).toList());
                List<Variable> losses = losses(tape, outputs, batch.targets());
                float[] each = values(tape, losses);
                for (int k = 0; k < each.length; k++) {
                    objectiveSums[k] += (double) each[k] * rows.length;
                    lossSum += objectives.get(k).weight() * each[k] * rows.length;
                }
                updateMetrics(tape, outputs, batch.targets());
            }
        }
        for (int k = 0; k < objectiveSums.length; k++) objectiveSums[k] /= n;
        return logs(lossSum / n, objectiveSums);
    }

    private void resetMetrics() {
        for (Metric m : metrics()) m.reset();
    }

    private void updateMetrics(GradientTape tape, List<Variable> outputs, List<Tensor> targets) {
        for (int k = 0; k < objectives.size(); k++) {
            Objective o = objectives.get(k);
            if (!o.metrics().isEmpty()) updateMetrics(tape, o.metrics(), outputs.get(o.output()), targets.get(k));
        }
    }

    private static void updateMetrics(GradientTape tape, List<Metric> metrics, Variable prediction, Tensor y) {
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
