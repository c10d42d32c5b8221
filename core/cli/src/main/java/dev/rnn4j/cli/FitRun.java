package dev.rnn4j.cli;

import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Callback;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import java.time.Duration;
import java.util.Arrays;

/**
 * The CLI's training: {@link Model#fit} with the command's epochs, batch size, seed and time budget, and a
 * callback that drives the progress bar and records the loss of every step for the chart.
 */
final class FitRun {

    /** The loss of every step, the tokens trained on, the seconds spent, and why training ended. */
    record Result(double[] losses, long tokens, double seconds, History.StopReason stopReason) {

        int steps() {
            return losses.length;
        }

        boolean outOfTime() {
            return stopReason == History.StopReason.TIME_BUDGET;
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

    private FitRun() {
    }

    /** Trains {@code model} on {@code data} under a progress bar on stderr labelled {@code task} (none with --quiet). */
    static Result run(String task, Model model, TrainOptions train, Dataset data) {
        if (data.size() < 1) throw new IllegalArgumentException("no training examples");
        if (train.batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + train.batchSize);
        if (train.epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + train.epochs);
        if (!(train.seconds > 0)) throw new IllegalArgumentException("--seconds must be > 0, got " + train.seconds);
        FitOptions options = FitOptions.defaults().epochs(train.epochs).batchSize(train.batchSize).seed(train.seed)
                .timeBudget(Duration.ofNanos((long) Math.min(train.seconds * 1e9, Long.MAX_VALUE)));
        long planned = (long) train.epochs * ((data.size() + train.batchSize - 1) / train.batchSize);
        try (var progress = new TrainingProgress(task, planned, System.err, train.quiet)) {
            var recorder = new Recorder(progress, planned, train.seconds);
            long start = System.nanoTime();
            History history = model.fit(data, options, recorder);
            progress.replan(recorder.steps);
            return new Result(Arrays.copyOf(recorder.losses, recorder.steps), recorder.tokens, (System.nanoTime() - start) / 1e9, history.stopReason());
        }
    }

    /** Records each step's loss and tokens, and keeps the bar's total honest when the time budget binds first. */
    private static final class Recorder implements Callback {

        private final TrainingProgress progress;
        private final long planned;
        private final double budgetSeconds;
        private final long startNanos = System.nanoTime();
        private double[] losses = new double[1024];
        private int steps;
        private long tokens;
        private int markStep;
        private double markSeconds;

        Recorder(TrainingProgress progress, long planned, double budgetSeconds) {
            this.progress = progress;
            this.planned = planned;
            this.budgetSeconds = budgetSeconds;
        }

        @Override
        public void onBatchEnd(Model model, BatchEnd batch) {
            if (steps == losses.length) losses = Arrays.copyOf(losses, Math.addExact(steps, steps));
            losses[steps++] = batch.loss();
            tokens += batch.elements();
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            progress.update(steps, tokens, batch.loss());
            if (steps % 10 == 0) { // steps still to come at the recent rate, if time binds before the epochs do
                double rate = (steps - markStep) / Math.max(elapsed - markSeconds, 1e-9);
                progress.replan(Math.min(planned, steps + (long) (Math.max(0, budgetSeconds - elapsed) * rate)));
                markStep = steps;
                markSeconds = elapsed;
            }
        }
    }
}
