package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;

/**
 * Loss functions on the tape. Cross-entropy from logits runs the backend's fused softmax cross-entropy
 * (the large language-model case); the others are small and computed on the host from a copy of the prediction.
 * When the prediction carries a mask ([B, T, ...], padded after or before the data), padded steps are excluded from the mean.
 */
public final class LossOps {

    private static final float EPS = 1e-7f;

    private LossOps() {
    }

    /** Mean softmax cross-entropy of logits [..., C] against int32 labels [...]. */
    public static Variable softmaxCrossEntropy(GradientTape tape, Variable logits, Variable labels) {
        Backend backend = tape.backend();
        long classes = logits.dim(logits.rank() - 1);
        int n = checkLabels(logits, labels);
        int[] host = maskedLabels(backend, logits, labels, n, classes);
        Tensor deviceLabels = HostData.uploadInts(tape, host, n);
        Tensor logits2d = logits.value().reshape(n, classes);
        // every element of dLogits is written by the kernel (ignored rows get zeros) before the backward step reads it
        Tensor dLogits = logits.requiresGrad() ? tape.workspace(n, classes) : null;
        float loss = countValid(host) == 0 ? 0f : backend.softmaxCrossEntropy(logits2d, deviceLabels, -1, dLogits);
        Variable out = scalar(tape, loss, logits);
        if (dLogits != null && countValid(host) > 0) {
            tape.onBackward(() -> {
                if (out.grad() == null) return;
                float g = HostData.scalar(backend, out.grad());
                backend.axpby(g, dLogits, 1f, logits.gradBuffer().reshape(n, classes));
            });
        }
        return out;
    }

    /** Mean of -log p[label] for probabilities [..., C] (clipped at 1e-7). */
    public static Variable crossEntropyFromProbabilities(GradientTape tape, Variable probabilities, Variable labels) {
        Backend backend = tape.backend();
        int classes = (int) probabilities.dim(probabilities.rank() - 1);
        int n = checkLabels(probabilities, labels);
        int[] host = maskedLabels(backend, probabilities, labels, n, classes);
        float[] p = HostData.floats(backend, probabilities.value());
        int count = countValid(host);
        double loss = 0;
        float[] dp = new float[p.length];
        for (int i = 0; i < n; i++) {
            if (host[i] < 0) continue;
            float v = p[i * classes + host[i]];
            loss -= Math.log(Math.max(v, EPS));
            if (v > EPS) dp[i * classes + host[i]] = -1f / (v * count);
        }
        return hostLoss(tape, probabilities, count == 0 ? 0f : (float) (loss / count), dp);
    }

    /** Binary cross-entropy over every element of the prediction (probabilities, or logits if {@code fromLogits}). */
    public static Variable binaryCrossEntropy(GradientTape tape, Variable prediction, Variable target, boolean fromLogits) {
        return elementwise(tape, prediction, target, true, fromLogits
                ? new ElementLoss() {
                    public double loss(double z, double y) {
                        return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                    }

                    public double grad(double z, double y) {
                        return 1 / (1 + Math.exp(-z)) - y;
                    }
                }
                : new ElementLoss() {
                    public double loss(double p, double y) {
                        double q = Math.min(Math.max(p, EPS), 1 - EPS);
                        return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
                    }

                    public double grad(double p, double y) {
                        double q = Math.min(Math.max(p, EPS), 1 - EPS);
                        return (q - y) / (q * (1 - q));
                    }
                });
    }

    /** Mean of (prediction - target)². */
    public static Variable meanSquaredError(GradientTape tape, Variable prediction, Variable target) {
        return elementwise(tape, prediction, target, false, new ElementLoss() {
            public double loss(double p, double y) {
                return (p - y) * (p - y);
            }

            public double grad(double p, double y) {
                return 2 * (p - y);
            }
        });
    }

    /** A loss that is the mean over elements of f(prediction, target), with its derivative in the prediction. */
    private interface ElementLoss {
        double loss(double prediction, double target);

        double grad(double prediction, double target);
    }

    private static Variable elementwise(GradientTape tape, Variable prediction, Variable target, boolean targetsInUnitInterval, ElementLoss f) {
        Backend backend = tape.backend();
        float[] p = HostData.floats(backend, prediction.value());
        float[] y = targets(backend, prediction, target);
        for (int i = 0; targetsInUnitInterval && i < y.length; i++) {
            if (!(y[i] >= 0f && y[i] <= 1f)) throw new IllegalArgumentException("binary cross-entropy target " + y[i] + " at index " + i + " is outside [0, 1]");
        }
        boolean[] valid = validPositions(prediction, p.length);
        int count = count(valid);
        double loss = 0;
        float[] dp = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!valid[i]) continue;
            loss += f.loss(p[i], y[i]);
            dp[i] = (float) (f.grad(p[i], y[i]) / count);
        }
        return hostLoss(tape, prediction, count == 0 ? 0f : (float) (loss / count), dp);
    }

    /** Σ weights[k]·losses[k] of scalar losses (Keras' loss_weights), computed and back-propagated on the device. */
    public static Variable weightedSum(GradientTape tape, java.util.List<Variable> losses, float[] weights) {
        if (losses.size() != weights.length) throw new IllegalArgumentException(losses.size() + " losses but " + weights.length + " weights");
        Backend backend = tape.backend();
        Tensor total = tape.allocate(1);
        for (int k = 0; k < weights.length; k++) {
            if (losses.get(k).value().elementCount() != 1) throw new IllegalArgumentException("loss " + k + " is not a scalar: " + losses.get(k).value().describe());
            backend.axpby(weights[k], losses.get(k).value().reshape(1), 1f, total);
        }
        Variable out = tape.result(total, null, losses.toArray(Variable[]::new));
        tape.onBackward(() -> {
            if (out.grad() == null) return;
            for (int k = 0; k < weights.length; k++) {
                Variable l = losses.get(k);
                if (l.requiresGrad()) backend.axpby(weights[k], out.grad(), 1f, l.gradBuffer().reshape(1));
            }
        });
        return out;
    }

    // ---- helpers ----

    private static int checkLabels(Variable prediction, Variable labels) {
        if (labels.value().dtype() != DType.INT32) {
            throw new IllegalArgumentException("sparse categorical labels must be int32 class ids, got " + labels.value().describe());
        }
        long[] ps = prediction.shape();
        long[] ls = labels.shape();
        if (ps.length < 2 || ls.length != ps.length - 1) {
            throw new IllegalArgumentException("prediction " + prediction.value().describe() + " and labels " + labels.value().describe()
                    + " do not fit: labels must have the prediction's shape without its last (class) dimension");
        }
        for (int i = 0; i < ls.length; i++) {
            if (ls[i] != ps[i]) {
                throw new IllegalArgumentException("labels " + labels.value().describe() + " do not match prediction " + prediction.value().describe());
            }
        }
        long n = labels.value().elementCount();
        if (n < 1) throw new IllegalArgumentException("empty batch: no labels");
        return Math.toIntExact(n);
    }

    private static int[] maskedLabels(Backend backend, Variable prediction, Variable labels, int n, long classes) {
        int[] host = HostData.ints(backend, labels.value());
        for (int i = 0; i < n; i++) {
            if (host[i] < 0 || host[i] >= classes) {
                throw new IllegalArgumentException("label " + host[i] + " at flat index " + i + " is out of range [0, " + classes + ")");
            }
        }
        boolean[] valid = validPositions(prediction, n);
        for (int i = 0; i < n; i++) if (!valid[i]) host[i] = -1;
        return host;
    }

    /** Validity of each of {@code positions} leading positions (B·T when the prediction carries a mask). */
    private static boolean[] validPositions(Variable prediction, int positions) {
        boolean[] valid = new boolean[positions];
        java.util.Arrays.fill(valid, true);
        SequenceMask mask = prediction.mask();
        if (mask == null || prediction.rank() < 2) return valid;
        int b = (int) prediction.dim(0);
        int t = (int) prediction.dim(1);
        if ((long) b * t == 0 || positions % (b * t) != 0) return valid;
        int per = positions / (b * t);
        for (int i = 0; i < positions; i++) {
            int pos = i / per;
            valid[i] = mask.valid(pos / t, pos % t, t);
        }
        return valid;
    }

    private static float[] targets(Backend backend, Variable prediction, Variable target) {
        long n = prediction.value().elementCount();
        if (n < 1) throw new IllegalArgumentException("empty batch: prediction " + prediction.value().describe());
        if (target.value().elementCount() != n) {
            throw new IllegalArgumentException("target " + target.value().describe() + " does not match prediction " + prediction.value().describe());
        }
        return HostData.asFloats(backend, target.value());
    }

    private static int countValid(int[] labels) {
        int c = 0;
        for (int l : labels) if (l >= 0) c++;
        return c;
    }

    private static int count(boolean[] valid) {
        int c = 0;
        for (boolean v : valid) if (v) c++;
        return c;
    }

    private static Variable scalar(GradientTape tape, float value, Variable input) {
        Tensor t = tape.allocate(1);
        tape.backend().fill(t, value);
        return tape.result(t, null, input);
    }

    private static Variable hostLoss(GradientTape tape, Variable prediction, float value, float[] dPrediction) {
        Variable out = scalar(tape, value, prediction);
        if (prediction.requiresGrad()) {
            tape.onBackward(() -> {
                if (out.grad() == null) return;
                float g = HostData.scalar(tape.backend(), out.grad());
                Tensor d = HostData.upload(tape, dPrediction, prediction.shape());
                tape.backend().axpby(g, d, 1f, prediction.gradBuffer());
            });
        }
        return out;
    }
}
