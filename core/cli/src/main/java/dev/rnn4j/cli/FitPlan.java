package dev.rnn4j.cli;

/**
 * How a run's examples divide: those held out for validation (the last {@code floor(n * split)}, as
 * {@link dev.rnn4j.model.train.FitOptions#validationSplit} cuts them), the batches of an epoch, and the steps
 * the whole run may take (the epochs, or {@code --steps} when fewer).
 */
record FitPlan(int examples, int validation, double validationSplit, int batchesPerEpoch, long plannedSteps) {

    static FitPlan of(int examples, TrainOptions t) {
        if (examples < 1) throw new IllegalArgumentException("no training examples");
        int validation = (int) Math.floor(examples * t.validationSplit);
        int training = examples - validation;
        int batches = (training + t.batchSize - 1) / t.batchSize;
        long planned = Math.multiplyExact((long) t.epochs, batches);
        if (t.steps > 0) planned = Math.min(planned, t.steps);
        return new FitPlan(examples, validation, validation > 0 ? t.validationSplit : 0, batches, planned);
    }

    int training() {
        return examples - validation;
    }
}
