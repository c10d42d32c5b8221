package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.testing.RnnProblem;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.function.Supplier;

/**
 * The CPU kernel's forward outputs and all gradients of one {@link RnnProblem}: forward(TRAINING), then
 * backwardData with dy = gy, dhy = gh, dcy = gc, then backwardWeights into a zeroed dW.
 */
record CpuRnnRun(float[] y, float[] hy, float[] cy, float[] dx, float[] dhx, float[] dcx, float[] dw) {

    static CpuRnnRun of(RnnProblem p) {
        try (CpuRnnPlan plan = new CpuRnnPlan(p.rnn(), TestThreads.ALL_CORES)) {
            return of(p, plan);
        }
    }

    static CpuRnnRun of(RnnProblem p, RnnPlan plan) {
        return of(p, plan, TensorScope::open);
    }

    /** The same, with every tensor allocated in a scope from {@code scopes} (e.g. one confined to this thread). */
    static CpuRnnRun of(RnnProblem p, RnnPlan plan, Supplier<TensorScope> scopes) {
        RnnDescriptor rnn = p.rnn();
        RnnDataDescriptor xDesc = p.xDesc();
        boolean cell = rnn.mode().hasCellState();
        long[] stateShape = {(long) rnn.numLayers() * rnn.directions(), xDesc.batchSize(), rnn.hiddenSize()};
        long[] yShape = xDesc.withVectorSize(rnn.outputSize()).shape();
        try (TensorScope scope = scopes.get()) {
            RnnSpaceSizes sizes = plan.spaceSizes(RnnForwardMode.TRAINING, xDesc);
            Tensor x = scope.fromArray(p.x(), xDesc.shape());
            Tensor y = scope.zeros(yShape);
            Tensor hx = p.hx() == null ? null : scope.fromArray(p.hx(), stateShape);
            Tensor cx = p.cx() == null ? null : scope.fromArray(p.cx(), stateShape);
            Tensor hy = scope.zeros(stateShape);
            Tensor cy = cell ? scope.zeros(stateShape) : null;
            Tensor w = scope.fromArray(p.w(), p.w().length);
            Tensor work = scope.zeros(sizes.workSpaceSize());
            Tensor reserve = scope.zeros(sizes.reserveSpaceSize());
            plan.forward(RnnForwardMode.TRAINING, xDesc, x, y, hx, hy, cx, cy, w, work, reserve);

            Tensor dy = scope.fromArray(p.gy(), yShape);
            Tensor dhy = scope.fromArray(p.gh(), stateShape);
            Tensor dcy = cell ? scope.fromArray(p.gc(), stateShape) : null;
            Tensor dx = scope.zeros(xDesc.shape());
            Tensor dhx = scope.zeros(stateShape);
            Tensor dcx = cell ? scope.zeros(stateShape) : null;
            plan.backwardData(xDesc, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, w, work, reserve);
            Tensor dw = scope.zeros(p.w().length);
            plan.backwardWeights(xDesc, x, hx, y, dw, work, reserve);
            return new CpuRnnRun(y.toFloatArray(), hy.toFloatArray(), cell ? cy.toFloatArray() : null,
                    dx.toFloatArray(), dhx.toFloatArray(), cell ? dcx.toFloatArray() : null, dw.toFloatArray());
        }
    }
}
