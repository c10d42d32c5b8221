package dev.rnn4j.cli;

import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Callback;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * The CLI's training: {@link Model#fit} with the command's epochs, batch size, seed, validation split and
 * limits, from where the {@link TrainingRun} stands (a resumed run continues at its epoch and batch); a
 * callback records every step into the run and drives the progress display and the epoch lines; SIGINT and
 * SIGTERM stop training after the current step ({@link StopSignals}).
 */
final class FitRun {

    /** Why training ended, the signal that ended it (or null), and this run's steps, tokens, seconds and throughput. */
    record Result(History.StopReason stopReason, String signal, int signalExitCode, long steps, long tokens, double seconds, Throughput throughput) {

        boolean stoppedBySignal() {
            return signal != null;
        }

        /** "trained 300 steps in this run, 45.2 s: 42.5k tokens/s overall" ({@code where}: " in this run", or empty). */
        String summary(String where) {
            return String.format(java.util.Locale.ROOT, "trained %s%s, %.1f s: %s tokens/s overall", TrainingSummary.count(steps, "step"), where, seconds,
                    TrainingSummary.compact(tokens / Math.max(seconds, 1e-9)));
        }
    }

    private FitRun() {
    }

    /**
     * Trains {@code model} on {@code data} (the last {@code plan.validation()} examples held out) under a
     * progress display labelled {@code task}; {@code summary} prints a line per epoch to {@code out} (null: none).
     */
    static Result run(String task, Model model, TrainOptions t, Dataset data, FitPlan plan, TrainingRun run, TrainingSummary summary, PrintWriter out) {
        if (run.nextEpoch() >= t.epochs) {
            throw new IllegalArgumentException("the run has already done " + run.nextEpoch() + " epoch(s); give --epochs above " + run.nextEpoch() + " to train further");
        }
        if (run.steps() >= plan.plannedSteps()) {
            throw new IllegalArgumentException("the run has already taken " + run.steps() + " steps; give --steps above " + run.steps() + " to train further");
        }
        FitOptions options = FitOptions.defaults().epochs(t.epochs).batchSize(t.batchSize).seed(t.seed).verbose(false) // the CLI reports epochs itself
                .validationSplit(plan.validationSplit()).startAt(run.nextEpoch(), run.nextBatch());
        if (t.seconds > 0) options = options.timeBudget(Duration.ofNanos((long) Math.min(t.seconds * 1e9, Long.MAX_VALUE)));
        if (t.steps > 0) options = options.steps(t.steps - run.steps());
        ProgressPlan progressPlan = new ProgressPlan(plan.plannedSteps(), t.seconds);
        try (var progress = new TrainingProgress(task, progressPlan, t.epochs, run.steps(), run.nextEpoch() + 1,
                TrainingProgress.mode(t.quiet), System.err, out);
             var signals = StopSignals.install(model::stopTraining, progress::println)) {
            long start = System.nanoTime();
            var recorder = new Recorder(run, progress, summary, t.epochs, signals, new Throughput(start));
            History history = model.fit(data, options, recorder);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(history.stopReason(), signals.name(), signals.received() ? signals.exitCode() : 0, history.steps(), recorder.throughput.tokens(),
                    seconds, recorder.throughput);
        }
    }

    /** Records each step into the run, feeds the progress display, prints the epoch lines. */
    private static final class Recorder implements Callback {

        private final TrainingRun run;
        private final TrainingProgress progress;
        private final TrainingSummary summary;
        private final int epochs;
        private final StopSignals signals;
        private final int resumedEpoch;
        private final boolean resumedMidEpoch;
        private final Throughput throughput;
        private int epoch = -1;
        private double epochLossSum;
        private long epochSamples;

        Recorder(TrainingRun run, TrainingProgress progress, TrainingSummary summary, int epochs, StopSignals signals, Throughput throughput) {
            this.run = run;
            this.progress = progress;
            this.summary = summary;
            this.epochs = epochs;
            this.signals = signals;
            this.resumedEpoch = run.nextEpoch();
            this.resumedMidEpoch = run.nextBatch() > 0;
            this.throughput = throughput;
        }

        @Override
        public void onTrainBegin(Model model) {
            if (signals.received()) model.stopTraining(); // a signal that came before fit began (fit clears earlier requests)
        }

        @Override
        public void onBatchEnd(Model model, BatchEnd batch) {
            throughput.stepDone(System.nanoTime(), batch.elements());
            run.stepDone(batch);
            if (batch.epoch() != epoch) {
                epoch = batch.epoch();
                epochLossSum = 0;
                epochSamples = 0;
            }
            epochLossSum += batch.loss() * batch.samples();
            epochSamples += batch.samples();
            progress.update(run.steps(), epoch + 1, epochLossSum / epochSamples, throughput.tokens());
        }

        @Override
        public boolean onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
            run.epochDone(epoch, logs);
            if (summary != null) {
                boolean cut = run.nextBatch() > 0;
                boolean sinceResume = resumedMidEpoch && epoch == resumedEpoch;
                String note = cut && sinceResume ? "steps since the resume; cut short" : cut ? "cut short" : sinceResume ? "steps since the resume" : null;
                summary.epochLine(epoch + 1, epochs, logs, note).forEach(progress::println);
            }
            return true;
        }
    }
}
