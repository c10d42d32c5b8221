package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Weight gradients from the pre-activation gradients backwardData left in the reserve, added into dW:
 * per (layer, direction) one GEMM over all steps each for dW += dGates^T · input and
 * dR += dGates^T · h_{t-1} (GRU: the n rows use d(rn)), and column sums for the biases.
 */
final class RnnBackwardWeights {

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private RnnBackwardWeights() {
    }

    static void run(RnnCall call, RnnDataLayout layout, Tensor x, MemorySegment dw, long dwBase) {
        RnnDescriptor rnn = call.rnn();
        RnnBatchOrder order = call.order();
        RnnSpaces.BackwardWeightsWork ws = call.layout().backwardWeights;
        RnnSpaces.Reserve rs = call.layout().reserve;
        RnnWeightLayout wl = call.weightLayout();
        long wb = call.workBase();
        long rb = call.reserveBase();
        int hidden = call.hidden();
        int gateWidth = call.gateWidth();
        int rows = (int) call.rows();
        boolean gru = rnn.mode() == RnnMode.GRU;
        RnnSequenceIo.gatherSequences(x, layout, order, call.work(), wb + ws.xPacked);
        for (int l = 0; l < rnn.numLayers(); l++) {
            int width = rnn.layerInputSize(l);
            MemorySegment inSeg = l == 0 ? call.work() : call.reserve();
            long in = l == 0 ? wb + ws.xPacked : rb + rs.nextInput(l - 1);
            for (int d = 0; d < rnn.directions(); d++) {
                int ld = l * rnn.directions() + d;
                long gates = rb + rs.gates[ld];
                long recurrent = dwBase + wl.recurrentWeightOffset(l, d);
                Sgemm.gemm(call.threads(), true, false, gateWidth, width, rows, 1f, call.reserve(), gates, rs.gateStride,
                        inSeg, in, width, 1f, dw, dwBase + wl.inputWeightOffset(l, d), width);
                gatherPreviousStates(call, rs, l, d, wb + ws.hPrev);
                int shared = gru ? 2 * hidden : gateWidth;
                Sgemm.gemm(call.threads(), true, false, shared, hidden, rows, 1f, call.reserve(), gates, rs.gateStride,
                        call.work(), wb + ws.hPrev, hidden, 1f, dw, recurrent, hidden);
                if (gru) {
                    Sgemm.gemm(call.threads(), true, false, hidden, hidden, rows, 1f, call.reserve(), rb + rs.extra[ld], rs.extraStride,
                            call.work(), wb + ws.hPrev, hidden, 1f, dw, recurrent + (long) shared * hidden, hidden);
                }
                if (wl.inputBiasOffset(l, d) >= 0) {
                    GateVectors.addColumnSums(call.reserve(), gates, rows, rs.gateStride, gateWidth, dw, dwBase + wl.inputBiasOffset(l, d));
                }
                if (wl.recurrentBiasOffset(l, d) >= 0) {
                    long bias = dwBase + wl.recurrentBiasOffset(l, d);
                    GateVectors.addColumnSums(call.reserve(), gates, rows, rs.gateStride, shared, dw, bias);
                    if (gru) GateVectors.addColumnSums(call.reserve(), rb + rs.extra[ld], rows, rs.extraStride, hidden, dw, bias + shared);
                }
            }
        }
    }

    /** hPrev [N, H]: row (t, k) holds h_{t-1} of that sequence in the direction's order. */
    private static void gatherPreviousStates(RnnCall call, RnnSpaces.Reserve rs, int l, int d, long hPrev) {
        RnnBatchOrder order = call.order();
        int hidden = call.hidden();
        for (int t = 0; t < order.steps(); t++) {
            for (int k = 0; k < order.batchSize(t); k++) {
                long from = call.reserveBase() + rs.previousH(order, l, d, call.directions(), hidden, t, k);
                MemorySegment.copy(call.reserve(), F, from * 4, call.work(), F, (hPrev + order.row(t, k) * hidden) * 4, hidden);
            }
        }
    }
}
