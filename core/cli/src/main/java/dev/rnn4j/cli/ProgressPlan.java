package dev.rnn4j.cli;

/**
 * How far training has come, with a total that never changes during the run: the larger of the steps done
 * out of the steps the epochs (or {@code --steps}) allow, and the time spent out of the time budget. Both
 * grow, so the fraction never goes back; it reaches 1 at whichever limit ends training.
 *
 * @param plannedSteps  steps of the whole run (across resumes) the epochs or {@code --steps} allow
 * @param budgetSeconds this run's time budget (0: none)
 */
record ProgressPlan(long plannedSteps, double budgetSeconds) {

    ProgressPlan {
        if (plannedSteps < 1) throw new IllegalArgumentException("a run plans at least one step, got " + plannedSteps);
        if (!(budgetSeconds >= 0)) throw new IllegalArgumentException("time budget must be >= 0, got " + budgetSeconds);
    }

    /** In [0, 1], after {@code step} steps of the run and {@code elapsedSeconds} of this run's training. */
    double fraction(long step, double elapsedSeconds) {
        double f = (double) step / plannedSteps;
        if (budgetSeconds > 0) f = Math.max(f, elapsedSeconds / budgetSeconds);
        return Math.min(1, Math.max(0, f));
    }

    /** True when the time budget, not the steps, is the nearer limit at this point. */
    boolean timeBound(long step, double elapsedSeconds) {
        return budgetSeconds > 0 && elapsedSeconds / budgetSeconds > (double) step / plannedSteps;
    }
}
