package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam on PyTorch tensors through DJL's native adam kernel (what DJL's Adam optimizer calls; it also zeroes the
 * gradient, like optimizer.zero_grad), with {@link CharLmProblem}'s betas and eps. DJL passes
 * lr·sqrt(1-β2^t)/(1-β1^t) as "learningRateBiasCorrection"; the kernel then does p -= that · m / (sqrt(v) + eps)
 * (PyTorch's Adam up to where eps sits: differences of order eps).
 */
final class TorchAdam {

    private final List<NDArray> parameters;
    private final List<NDArray[]> moments = new ArrayList<>();
    private final float learningRate;
    private long step;

    /** Marks {@code parameters} as requiring gradients and gives each zero moments in {@code manager}. */
    TorchAdam(NDManager manager, List<NDArray> parameters, float learningRate) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        for (NDArray p : this.parameters) {
            p.setRequiresGradient(true);
            moments.add(new NDArray[] {manager.zeros(p.getShape()), manager.zeros(p.getShape())});
        }
    }

    /** One update of every parameter from its gradient. */
    void step() {
        step++;
        double corr1 = 1 - Math.pow(CharLmProblem.BETA1, step);
        double corr2 = 1 - Math.pow(CharLmProblem.BETA2, step);
        float biasCorrection = (float) (learningRate * Math.sqrt(corr2) / corr1);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            NDArray[] mv = moments.get(i);
            p.getNDArrayInternal().adamUpdate(new NDList(p, p.getGradient(), mv[0], mv[1]), new NDList(p),
                    learningRate, biasCorrection, 0f, 1f, -1f,
                    CharLmProblem.BETA1, CharLmProblem.BETA2, CharLmProblem.EPS, true, false);
        }
    }
}
