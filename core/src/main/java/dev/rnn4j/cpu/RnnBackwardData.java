package dev.rnn4j.cpu;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * Backward through time, top layer first. Per (layer, direction) the steps run in reverse processing order:
 * the fused gate-gradient kernel per active row (writing the pre-activation gradients over the kept
 * activations in the reserve), then one GEMM dh_{t-1} += dGates · R. Then one GEMM per direction over all
 * steps gives the gradient of the layer input (dGates [N, G] · W), which, through the dropout mask, is the
 * output gradient of the layer below, or dx.
 */
final class RnnBackwardData {

    private RnnBackwardData() {
    }

    static void run(RnnCall call, RnnDataLayout layout, Tensor dy, Tensor dx,
                    Tensor dhy, Tensor dhx, Tensor dcy, Tensor dcx) {
        RnnDescriptor rnn = call.rnn();
        RnnBatchOrder order = call.order();
        RnnSpaces.BackwardDataWork ws = new RnnSpaces.BackwardDataWork(rnn, order);
        RnnSpaces.Reserve rs = new RnnSpaces.Reserve(rnn, order);
        long wb = call.workBase();
        long rb = call.reserveBase();
        long dOut = wb + ws.dOut;
        long dIn = wb + ws.dIn;
        RnnSequenceIo.gatherSequences(dy, layout, order, call.work(), dOut);
        for (int l = rnn.numLayers() - 1; l >= 0; l--) {
            for (int d = 0; d < rnn.directions(); d++) {
                int ld = l * rnn.directions() + d;
                RnnSequenceIo.gatherState(dhy, ld, order, call.hidden(), call.work(), wb + ws.dhState);
                RnnSequenceIo.gatherState(dcy, ld, order, call.hidden(), call.work(), wb + ws.dcState);
                recurBackward(call, rs, ws, l, d, dOut);
                RnnSequenceIo.scatterState(call.work(), wb + ws.dhState, order, call.hidden(), dhx, ld);
                RnnSequenceIo.scatterState(call.work(), wb + ws.dcState, order, call.hidden(), dcx, ld);
            }
            inputGradient(call, rs, l, dIn);
            if (l > 0) {
                if (rs.mask[l - 1] >= 0) {
                    GateVectors.multiply(call.work(), dIn, call.reserve(), rb + rs.mask[l - 1], call.work(), dIn, call.rows() * call.outWidth());
                }
                long swap = dOut;
                dOut = dIn;
                dIn = swap;
            } else {
                RnnSequenceIo.scatterSequences(call.work(), dIn, order, layout, dx);
            }
        }
        RnnReserveHeader.write(call.reserve(), rb, rnn, order.descriptor(), RnnReserveHeader.Phase.BACKWARD_DATA);
    }

    private static void recurBackward(RnnCall call, RnnSpaces.Reserve rs, RnnSpaces.BackwardDataWork ws, int l, int d, long dOut) {
        RnnBatchOrder order = call.order();
        RnnMode mode = call.rnn().mode();
        int hidden = call.hidden();
        int dirs = call.directions();
        int gateWidth = call.gateWidth();
        long wb = call.workBase();
        long rb = call.reserveBase();
        int ld = l * dirs + d;
        long gates = rb + rs.gates[ld];
        long extra = rs.extra[ld] >= 0 ? rb + rs.extra[ld] : -1;
        long recurrent = call.weightBase() + call.weightLayout().recurrentWeightOffset(l, d);
        GateCell cell = GateCell.of(mode);
        GateRow row = new GateRow();
        row.work = call.work();
        row.store = call.reserve();
        int steps = order.steps();
        for (int s = 0; s < steps; s++) {
            int t = d == 0 ? steps - 1 - s : s;
            int active = order.batchSize(t);
            if (active == 0) continue;
            for (int k = 0; k < active; k++) {
                long r = order.row(t, k);
                row.gates = (gates + r * gateWidth) * 4;
                row.extra = extra < 0 ? 0 : (extra + r * hidden) * 4;
                row.h = (wb + ws.dhState + (long) k * hidden) * 4;
                row.c = (wb + ws.dcState + (long) k * hidden) * 4;
                row.cellTanh = (wb + ws.cellTanh + (long) k * hidden) * 4;
                row.dOut = (dOut + r * call.outWidth() + (long) d * hidden) * 4;
                row.prevH = (rb + rs.previousH(order, l, d, dirs, hidden, t, k)) * 4;
                row.prevC = mode == RnnMode.LSTM ? (rb + rs.previousC(order, l, d, dirs, hidden, t, k)) * 4 : 0;
                cell.backward(row, hidden, 0, hidden);
            }
            long first = gates + order.stepOffset(t) * gateWidth;
            if (mode == RnnMode.GRU) {
                // r and z: dGates[:, 0:2H] · R[0:2H]; n: d(rn) · R[2H:3H]
                Sgemm.gemm(false, false, active, hidden, 2 * hidden, 1f, call.reserve(), first, gateWidth,
                        call.weights(), recurrent, hidden, 1f, call.work(), wb + ws.dhState, hidden);
                Sgemm.gemm(false, false, active, hidden, hidden, 1f, call.reserve(), extra + order.stepOffset(t) * hidden, hidden,
                        call.weights(), recurrent + 2L * hidden * hidden, hidden, 1f, call.work(), wb + ws.dhState, hidden);
            } else {
                Sgemm.gemm(false, false, active, hidden, gateWidth, 1f, call.reserve(), first, gateWidth,
                        call.weights(), recurrent, hidden, 1f, call.work(), wb + ws.dhState, hidden);
            }
        }
    }

    /** dIn [N, layerInput] = Σ over directions of dGates [N, G] · W. */
    private static void inputGradient(RnnCall call, RnnSpaces.Reserve rs, int l, long dIn) {
        int width = call.rnn().layerInputSize(l);
        for (int d = 0; d < call.directions(); d++) {
            Sgemm.gemm(false, false, (int) call.rows(), width, call.gateWidth(), 1f,
                    call.reserve(), call.reserveBase() + rs.gates[l * call.directions() + d], call.gateWidth(),
                    call.weights(), call.weightBase() + call.weightLayout().inputWeightOffset(l, d), width,
                    d == 0 ? 0f : 1f, call.work(), dIn, width);
        }
    }
}
