package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * Backward through time, top layer first. Per (layer, direction) the steps run in reverse processing order:
 * the fused gate-gradient kernel per active row (writing the pre-activation gradients over the kept
 * activations in the reserve), then one GEMM dh_{t-1} += dGates · R (R packed once per call), both split
 * over threads by hidden-unit slices. Then one GEMM per direction over all
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
        RnnSpaces.BackwardDataWork ws = call.layout().backwardData;
        RnnSpaces.Reserve rs = call.layout().reserve;
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

    /**
     * The time loop of one (layer, direction) backwards, on the backend's threads ({@link GemmThreads#phases}), split
     * by hidden-unit slices ({@link RnnSlices}) as the forward is. Phase 0 packs each slice's columns of R
     * (the recurrent GEMM's B, k = gates·H) once and runs the gate-gradient kernel of the first step; phase
     * p then adds step p − 1's dGates · R to the slice's columns of dh (which needs the dGates of every
     * slice, hence the phase boundary) and runs the gate-gradient kernel of step p on the slice's hidden
     * units. Every element of dh is summed by one slice in a fixed order, so the result does not depend on
     * which thread ran what.
     */
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
        boolean gru = mode == RnnMode.GRU;
        // GRU: r and z rows of R multiply dGates[:, 0:2H], the n rows multiply d(rn) (kept in extra)
        int depth = gru ? 2 * hidden : gateWidth;
        RnnSlices slices = RnnSlices.of(hidden, call.threads().threads());
        int panel = Sgemm.packedBSize(depth, slices.width());
        int nPanel = gru ? Sgemm.packedBSize(hidden, slices.width()) : 0;
        float[] packed = RnnScratch.of((long) slices.count() * (panel + nPanel));
        GateCell cell = GateCell.of(mode);
        GateRow[] rows = new GateRow[slices.count()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new GateRow();
            rows[i].work = call.work();
            rows[i].store = call.reserve();
        }
        int steps = order.steps();
        call.threads().phases(steps + 1, slices.count(), call.shareable(), (phase, i) -> {
            int from = slices.from(i), to = slices.to(i);
            int own = i * (panel + nPanel);
            if (phase == 0) {
                Sgemm.packB(false, depth, to - from, call.weights(), recurrent, hidden, from, packed, own);
                if (gru) Sgemm.packB(false, hidden, to - from, call.weights(), recurrent + (long) depth * hidden, hidden, from, packed, own + panel);
            } else {
                int t = step(d, steps, phase - 1);
                int active = order.batchSize(t);
                long first = order.stepOffset(t);
                long dh = wb + ws.dhState + from;
                Sgemm.gemmPackedB(active, to - from, depth, call.reserve(), gates + first * gateWidth, gateWidth, packed, own,
                        1f, call.work(), dh, hidden);
                if (gru) {
                    Sgemm.gemmPackedB(active, to - from, hidden, call.reserve(), extra + first * hidden, hidden, packed, own + panel,
                            1f, call.work(), dh, hidden);
                }
            }
            if (phase == steps) return;
            int t = step(d, steps, phase);
            GateRow row = rows[i];
            for (int k = 0; k < order.batchSize(t); k++) {
                long r = order.row(t, k);
                row.gates = (gates + r * gateWidth) * 4;
                row.extra = extra < 0 ? 0 : (extra + r * hidden) * 4;
                row.h = (wb + ws.dhState + (long) k * hidden) * 4;
                row.c = (wb + ws.dcState + (long) k * hidden) * 4;
                row.cellTanh = (wb + ws.cellTanh + (long) k * hidden) * 4;
                row.dOut = (dOut + r * call.outWidth() + (long) d * hidden) * 4;
                row.prevH = (rb + rs.previousH(order, l, d, dirs, hidden, t, k)) * 4;
                row.prevC = mode == RnnMode.LSTM ? (rb + rs.previousC(order, l, d, dirs, hidden, t, k)) * 4 : 0;
                cell.backward(row, hidden, from, to);
            }
        });
    }

    /** The time step of processing step s backwards: the forward direction from the last step, the reverse from the first. */
    private static int step(int d, int steps, int s) {
        return d == 0 ? steps - 1 - s : s;
    }

    /** dIn [N, layerInput] = Σ over directions of dGates [N, G] · W. */
    private static void inputGradient(RnnCall call, RnnSpaces.Reserve rs, int l, long dIn) {
        int width = call.rnn().layerInputSize(l);
        for (int d = 0; d < call.directions(); d++) {
            Sgemm.gemm(call.threads(), false, false, (int) call.rows(), width, call.gateWidth(), 1f,
                    call.reserve(), call.reserveBase() + rs.gates[l * call.directions() + d], call.gateWidth(),
                    call.weights(), call.weightBase() + call.weightLayout().inputWeightOffset(l, d), width,
                    d == 0 ? 0f : 1f, call.work(), dIn, width);
        }
    }
}
