package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Weight gradients from the pre-activation gradients backwardData left in the reserve, added into dW: per
 * (layer, direction) one GEMM over all steps, [dW | dR] = dGates^T · [input | h_{t-1}] (the rows of both side by
 * side in the work space, so dGates is packed once), added into the weight space (GRU: the n rows of dR use
 * d(rn), one more GEMM), and one pass of column sums for both biases.
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
        MemorySegment work = call.work();
        long wb = call.workBase();
        long rb = call.reserveBase();
        int hidden = call.hidden();
        int gateWidth = call.gateWidth();
        int rows = (int) call.rows();
        boolean gru = rnn.mode() == RnnMode.GRU;
        int shared = gru ? 2 * hidden : gateWidth;
        RnnSequenceIo.gatherSequences(x, layout, order, work, wb + ws.xPacked);
        for (int l = 0; l < rnn.numLayers(); l++) {
            int width = rnn.layerInputSize(l);
            int columns = width + hidden;
            MemorySegment inSeg = l == 0 ? work : call.reserve();
            long in = l == 0 ? wb + ws.xPacked : rb + rs.nextInput(l - 1);
            for (int d = 0; d < rnn.directions(); d++) {
                int ld = l * rnn.directions() + d;
                long gates = rb + rs.gates[ld];
                long inputs = wb + ws.inputs, product = wb + ws.product;
                for (int r = 0; r < rows; r++) {
                    MemorySegment.copy(inSeg, F, (in + (long) r * width) * 4, work, F, (inputs + (long) r * ws.inputStride) * 4, width);
                }
                gatherPreviousStates(call, rs, l, d, inputs + width, ws.inputStride);
                // [dW | dR] = dG^T · [input | h_{t-1}] in one product (dG packed once), then added into the weight space
                Sgemm.gemm(call.threads(), true, false, gateWidth, columns, rows, 1f, call.reserve(), gates, rs.gateStride,
                        work, inputs, ws.inputStride, 0f, work, product, columns);
                long inputWeights = dwBase + wl.inputWeightOffset(l, d), recurrent = dwBase + wl.recurrentWeightOffset(l, d);
                for (int g = 0; g < gateWidth; g++) {
                    long row = product + (long) g * columns;
                    GateVectors.add(work, row, dw, inputWeights + (long) g * width, dw, inputWeights + (long) g * width, width);
                    if (g < shared) GateVectors.add(work, row + width, dw, recurrent + (long) g * hidden, dw, recurrent + (long) g * hidden, hidden);
                }
                if (gru) {
                    Sgemm.gemm(call.threads(), true, false, hidden, hidden, rows, 1f, call.reserve(), rb + rs.extra[ld], rs.extraStride,
                            work, inputs + width, ws.inputStride, 1f, dw, recurrent + (long) shared * hidden, hidden);
                }
                boolean inputBias = wl.inputBiasOffset(l, d) >= 0, recurrentBias = wl.recurrentBiasOffset(l, d) >= 0;
                if (inputBias || recurrentBias) {
                    // Σ over rows of dG, once, for both biases
                    long sums = wb + ws.biasSums;
                    work.asSlice(sums * 4, gateWidth * 4L).fill((byte) 0);
                    GateVectors.addColumnSums(call.reserve(), gates, rows, rs.gateStride, gateWidth, work, sums);
                    if (inputBias) {
                        long bias = dwBase + wl.inputBiasOffset(l, d);
                        GateVectors.add(work, sums, dw, bias, dw, bias, gateWidth);
                    }
                    if (recurrentBias) {
                        long bias = dwBase + wl.recurrentBiasOffset(l, d);
                        GateVectors.add(work, sums, dw, bias, dw, bias, shared);
                        if (gru) GateVectors.addColumnSums(call.reserve(), rb + rs.extra[ld], rows, rs.extraStride, hidden, dw, bias + shared);
                    }
                }
            }
        }
    }

    /** Rows of {@code stride} floats from {@code hPrev}: row (t, k) holds h_{t-1} of that sequence in the direction's order. */
    private static void gatherPreviousStates(RnnCall call, RnnSpaces.Reserve rs, int l, int d, long hPrev, int stride) {
        RnnBatchOrder order = call.order();
        int hidden = call.hidden();
        for (int t = 0; t < order.steps(); t++) {
            for (int k = 0; k < order.batchSize(t); k++) {
                long from = call.reserveBase() + rs.previousH(order, l, d, call.directions(), hidden, t, k);
                MemorySegment.copy(call.reserve(), F, from * 4, call.work(), F, (hPrev + order.row(t, k) * stride) * 4, hidden);
            }
        }
    }
}
