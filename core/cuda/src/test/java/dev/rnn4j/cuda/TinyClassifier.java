package dev.rnn4j.cuda;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;

/**
 * A sequence classifier written only against the Backend SPI, so the same code trains on the CPU and the
 * GPU: LSTM → global average pool over each sequence's length → linear → softmax cross-entropy, Adam.
 * Task: is the sum of a sequence's first feature positive.
 */
final class TinyClassifier implements AutoCloseable {

    static final int T = 6, B = 8, I = 4, H = 8, C = 2;

    private final Backend be;
    private final TensorScope scope = TensorScope.open();
    private final RnnPlan plan;
    private final RnnDataDescriptor xDesc;
    private final Tensor x, labels, w, dw, mw, vw, wOut, dwOut, mOut, vOut, bias, dBias, mb, vb;
    private final Tensor y, dy, pooled, dPooled, logits, dLogits, work, reserve;
    private final int[] lengths = {6, 5, 4, 3, 6, 2, 6, 1};
    private long step;

    TinyClassifier(Backend be, long seed) {
        this.be = be;
        Random rnd = new Random(seed);
        RnnDescriptor rnn = RnnDescriptor.of(RnnMode.LSTM, 1, false, I, H);
        plan = be.rnn(rnn);
        xDesc = new RnnDataDescriptor(T, B, I, lengths, RnnDataLayout.BATCH_MAJOR);
        float[] xs = GpuFixture.random(rnd, B * T * I);
        int[] ls = new int[B];
        for (int b = 0; b < B; b++) {
            double sum = 0;
            for (int t = 0; t < lengths[b]; t++) sum += xs[(b * T + t) * I];
            ls[b] = sum > 0 ? 1 : 0;
        }
        x = GpuFixture.put(be, scope, xs, B, T, I);
        labels = GpuFixture.putInts(be, scope, ls, B);
        float[] w0 = GpuFixture.random(rnd, (int) rnn.weightLayout().size());
        for (int i = 0; i < w0.length; i++) w0[i] *= 0.3f;
        w = GpuFixture.put(be, scope, w0, w0.length);
        dw = zeros(w0.length);
        mw = zeros(w0.length);
        vw = zeros(w0.length);
        float[] o0 = GpuFixture.random(rnd, C * H);
        for (int i = 0; i < o0.length; i++) o0[i] *= 0.3f;
        wOut = GpuFixture.put(be, scope, o0, C, H);
        dwOut = zeros(C, H);
        mOut = zeros(C, H);
        vOut = zeros(C, H);
        bias = zeros(C);
        dBias = zeros(C);
        mb = zeros(C);
        vb = zeros(C);
        y = zeros(B, T, H);
        dy = zeros(B, T, H);
        pooled = zeros(B, H);
        dPooled = zeros(B, H);
        logits = zeros(B, C);
        dLogits = zeros(B, C);
        RnnSpaceSizes sizes = plan.spaceSizes(RnnForwardMode.TRAINING, xDesc);
        work = sizes.workSpaceSize() == 0 ? null : zeros(sizes.workSpaceSize());
        reserve = sizes.reserveSpaceSize() == 0 ? null : zeros(sizes.reserveSpaceSize());
    }

    private Tensor zeros(long... shape) {
        return be.allocate(scope, DType.FLOAT32, shape);
    }

    /** One training step; returns the loss before the update. */
    float step() {
        plan.forward(RnnForwardMode.TRAINING, xDesc, x, y, null, null, null, null, w, work, reserve);
        be.globalAveragePool(y, lengths, pooled);
        be.gemm(false, true, 1f, pooled, wOut, 0f, logits);
        be.binary(BinaryOp.ADD, logits, bias, logits);
        float loss = be.softmaxCrossEntropy(logits, labels, -100, dLogits);
        be.gemm(true, false, 1f, dLogits, pooled, 0f, dwOut);
        be.sumToLastDim(dLogits, 0f, dBias);
        be.gemm(false, false, 1f, dLogits, wOut, 0f, dPooled);
        be.globalAveragePoolBackward(dPooled, lengths, dy);
        plan.backwardData(xDesc, y, dy, zerosLike(x), null, null, null, null, null, null, w, work, reserve);
        be.fill(dw, 0f);
        plan.backwardWeights(xDesc, x, null, y, dw, work, reserve);
        step++;
        be.adamStep(w, dw, mw, vw, 0.02f, 0.9f, 0.999f, 1e-8f, step);
        be.adamStep(wOut, dwOut, mOut, vOut, 0.02f, 0.9f, 0.999f, 1e-8f, step);
        be.adamStep(bias, dBias, mb, vb, 0.02f, 0.9f, 0.999f, 1e-8f, step);
        return loss;
    }

    private Tensor dx;

    private Tensor zerosLike(Tensor t) {
        if (dx == null) dx = zeros(t.shape());
        return dx;
    }

    @Override
    public void close() {
        plan.close();
        scope.close();
    }
}
