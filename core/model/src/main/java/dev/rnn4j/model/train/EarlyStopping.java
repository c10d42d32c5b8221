package dev.rnn4j.model.train;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.ops.HostData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stops when {@code monitor} ("val_loss" by default) has not improved by more than {@code minDelta} for
 * {@code patience} epochs; with {@code restoreBestWeights} the weights of the best epoch are put back at the end.
 * Keys containing "loss" are minimised, others (accuracy, ...) maximised.
 */
public final class EarlyStopping implements Callback {

    private final String monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private double best;
    private int wait;
    private int bestEpoch = -1;
    private List<float[]> bestWeights;

    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        this.monitor = java.util.Objects.requireNonNull(monitor, "monitor");
        this.patience = patience;
        this.minDelta = Math.abs(minDelta);
        this.restoreBestWeights = restoreBestWeights;
    }

    public EarlyStopping(int patience, boolean restoreBestWeights) {
        this("val_loss", patience, 0, restoreBestWeights);
    }

    private boolean minimise() {
        return monitor.contains("loss");
    }

    @Override
    public void onTrainBegin(Model model) {
        best = minimise() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        wait = 0;
        bestEpoch = -1;
        bestWeights = null;
    }

    @Override
    public boolean onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        Double v = logs.get(monitor);
        if (v == null) throw new IllegalStateException("early stopping monitors '" + monitor + "' but the logs have only " + logs.keySet());
        boolean improved = minimise() ? v < best - minDelta : v > best + minDelta;
        if (improved) {
            best = v;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) bestWeights = snapshot(model);
            return true;
        }
        return ++wait <= patience;
    }

    @Override
    public void onTrainEnd(Model model, History history) {
        if (restoreBestWeights && bestWeights != null) {
            List<Parameter> params = model.parameters();
            BuildContext ctx = new BuildContext(model.backend(), dev.rnn4j.tensor.TensorScope.open(), 0);
            for (int i = 0; i < params.size(); i++) ctx.upload(bestWeights.get(i), params.get(i).value());
            ctx.weights().close();
        }
    }

    /** The epoch (0-based) with the best monitored value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    private static List<float[]> snapshot(Model model) {
        List<float[]> w = new ArrayList<>();
        for (Parameter p : model.parameters()) w.add(HostData.floats(model.backend(), p.value()));
        return w;
    }
}
