package dev.rnn4j.cli;

import dev.rnn4j.data.Permutations;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Trainer;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The CLI's training loop: shuffled mini-batches for up to {@code epochs} epochs, one
 * {@link Trainer#trainStep} per batch, stopping early when the time budget is spent; it drives the
 * progress bar and records the loss of every step for the chart. (Model.fit has no time budget.)
 */
final class TimedTraining {

    /** Makes the host tensors of one batch from the example indices {@code rows}. */
    interface BatchMaker {
        Batch make(TensorScope scope, int[] rows);
    }

    /** One batch and how many tokens it holds (for tokens/s). */
    record Batch(Tensor x, Tensor y, long tokens) {
    }

    /** The loss of every step, the tokens trained on, the seconds spent, and whether time ran out. */
    record Result(double[] losses, long tokens, double seconds, boolean outOfTime) {
        int steps() {
            return losses.length;
        }

        double[] stepNumbers() {
            double[] s = new double[losses.length];
            for (int i = 0; i < s.length; i++) s[i] = i + 1;
            return s;
        }

        /** Mean loss of the last {@code n} steps. */
        double recentLoss(int n) {
            int from = Math.max(0, losses.length - n);
            return Arrays.stream(losses, from, losses.length).average().orElse(Double.NaN);
        }
    }

    record Plan(int examples, int batchSize, int epochs, double seconds, long seed) {
        Plan {
            if (examples < 1) throw new IllegalArgumentException("no training examples");
            if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
            if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
            if (!(seconds > 0)) throw new IllegalArgumentException("--seconds must be > 0, got " + seconds);
        }

        int batchesPerEpoch() {
            return (examples + batchSize - 1) / batchSize;
        }
    }

    private TimedTraining() {
    }

    /**
     * Trains {@code model} on {@code examples} examples with the hyperparameters of {@code train}, under a
     * progress bar on stderr labelled {@code task} (none with --quiet).
     */
    static Result run(String task, Model model, TrainOptions train, int examples, BatchMaker batches) {
        var plan = new Plan(examples, train.batchSize, train.epochs, train.seconds, train.seed);
        try (var progress = new TrainingProgress(task, (long) plan.epochs() * plan.batchesPerEpoch(), System.err, train.quiet)) {
            return run(model, plan, batches, progress);
        }
    }

    static Result run(Model model, Plan plan, BatchMaker batches, TrainingProgress progress) {
        Trainer trainer = model.trainer();
        if (trainer == null) throw new IllegalStateException("model is not compiled");
        long planned = (long) plan.epochs() * plan.batchesPerEpoch();
        double[] losses = new double[(int) Math.min(planned, 10_000_000)];
        long start = System.nanoTime();
        long tokens = 0;
        int step = 0;
        boolean outOfTime = false;
        int markStep = 0;
        double markSeconds = 0;
        SplittableRandom random = new SplittableRandom(plan.seed());
        training:
        for (int epoch = 0; epoch < plan.epochs(); epoch++) {
            int[] order = Permutations.shuffled(plan.examples(), random);
            for (int from = 0; from < order.length; from += plan.batchSize()) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(order.length, from + plan.batchSize()));
                float loss;
                try (TensorScope scope = TensorScope.open()) {
                    Batch b = batches.make(scope, rows);
                    loss = trainer.trainStep(b.x(), b.y()).loss();
                    tokens += b.tokens();
                }
                losses[step++] = loss;
                double elapsed = (System.nanoTime() - start) / 1e9;
                progress.update(step, tokens, loss);
                if (step % 10 == 0) { // steps still to come at the recent rate, if time binds before the epochs do
                    double rate = (step - markStep) / Math.max(elapsed - markSeconds, 1e-9);
                    progress.replan(Math.min(planned, step + (long) (Math.max(0, plan.seconds() - elapsed) * rate)));
                    markStep = step;
                    markSeconds = elapsed;
                }
                if (elapsed >= plan.seconds()) {
                    outOfTime = step < planned;
                    break training;
                }
            }
        }
        progress.replan(step);
        progress.close();
        return new Result(Arrays.copyOf(losses, step), tokens, (System.nanoTime() - start) / 1e9, outOfTime);
    }
}
