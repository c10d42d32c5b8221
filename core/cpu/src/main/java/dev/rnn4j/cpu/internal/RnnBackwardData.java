package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Backward through time, top layer first. Per (layer, direction) the steps run in reverse processing order
 * ({@link #recurBackward}): per step the product dh = dGates_{t+1} · R tile by tile, each row block's
 * gate-gradient math fused on its tile (writing the pre-activation gradients over the kept activations in the
 * reserve), split over threads by hidden-unit slices. Then one GEMM per direction over all
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
     * by hidden-unit slices ({@link RnnSlices}) as the forward is. The A rows of a step are the recurrent-side
     * gate gradients of the step processed before it, [B, G·H] in one of two heap buffers (by parity, as the
     * forward's); the product with R (as stored, k = G·H; each slice's columns packed once in phase 0) gives dh of
     * the slice's units, tile by tile, and the gate-gradient math ({@link GateCell#backward}) runs on each row
     * block's tile right away, writing the step's gradients to the reserve and to the other A buffer. Phase p
     * processes step p (phase 0 has no product: nothing came before) and phase {@code steps} only the last
     * product. A row whose sequence has no earlier step (the reverse direction's, and every row at the end) gets
     * dh_{t-1} = carried dh + its product in dhState, and dc_{t-1} stays in dcState: its gradients of the initial
     * states. Every element of dh is summed by one slice in a fixed order, so the result does not depend on
     * which thread ran what.
     */
    private static void recurBackward(RnnCall call, RnnSpaces.Reserve rs, RnnSpaces.BackwardDataWork ws, int l, int d, long dOut) {
        RnnBatchOrder order = call.order();
        int hidden = call.hidden();
        int dirs = call.directions();
        int depth = call.gateWidth();
        int batch = order.batch();
        int steps = order.steps();
        long wb = call.workBase();
        long rb = call.reserveBase();
        int ld = l * dirs + d;
        long gates = rb + rs.gates[ld];
        long extra = rs.extra[ld] >= 0 ? rb + rs.extra[ld] : -1;
        long recurrent = call.weightBase() + call.weightLayout().recurrentWeightOffset(l, d);
        int lda = RnnSpaces.rowStride(depth);
        RnnSlices slices = RnnSlices.of(hidden, call.threads().threads());
        int sliceWidth = slices.width();
        int slicePanels = sliceWidth / SgemmKernel.NR;
        int panel = depth * SgemmKernel.NR;
        long packedFloats = (long) slices.count() * slicePanels * panel;
        int tileFloats = 2 * SgemmKernel.MR * sliceWidth;
        float[] s = RnnScratch.of(packedFloats + (long) slices.count() * tileFloats + 2L * batch * lda);
        int tilesBase = (int) packedFloats;
        int[] a = {tilesBase + slices.count() * tileFloats, tilesBase + slices.count() * tileFloats + batch * lda};
        GateCell cell = GateCell.of(call.rnn().mode());
        GateTiles[] tiles = new GateTiles[slices.count()];
        RnnPanels[] panels = new RnnPanels[slices.count()];
        for (int i = 0; i < tiles.length; i++) {
            GateTiles t = tiles[i] = new GateTiles();
            t.s = s;
            t.tile = tilesBase + i * tileFloats;
            t.ldt = sliceWidth;
            t.temp = t.tile + SgemmKernel.MR * sliceWidth;
            t.lda = lda;
            t.hidden = hidden;
            t.from = slices.from(i);
            t.units = slices.to(i) - slices.from(i);
            t.work = call.work();
            t.store = call.reserve();
            t.training = true;
            t.gatesStride = rs.gateStride * 4L;
            t.extraStride = rs.extraStride * 4L;
            t.dOutStride = call.outWidth() * 4L;
            t.dh = (wb + ws.dhState) * 4;
            t.dc = (wb + ws.dcState) * 4;
            t.reserve = rs;
            t.order = order;
            t.reserveBase = rb;
            t.layer = l;
            t.direction = d;
            t.directions = dirs;
            RnnPanels jobs = new RnnPanels(s, sliceWidth).beginClass(0, depth);
            for (int p = 0; p < Math.ceilDiv(t.units, SgemmKernel.NR); p++) {
                jobs.add(i * slicePanels * panel + p * panel, t.tile(0, 0) + p * SgemmKernel.NR);
            }
            panels[i] = jobs.done();
        }
        call.threads().phases(steps + 1, slices.count(), call.shareable(), (phase, i) -> {
            GateTiles t = tiles[i];
            if (phase == 0) {
                for (int p = 0; p < slicePanels && t.from + p * SgemmKernel.NR < t.from + t.units; p++) {
                    int columns = Math.min(SgemmKernel.NR, t.units - p * SgemmKernel.NR);
                    Sgemm.packB(false, depth, columns, call.weights(), recurrent, hidden, t.from + p * SgemmKernel.NR, s,
                            i * slicePanels * panel + p * panel);
                }
            }
            int prev = phase == 0 ? 0 : order.batchSize(step(d, steps, phase - 1));
            int cur = phase == steps ? 0 : order.batchSize(step(d, steps, phase));
            t.aCur = a[phase % 2];
            t.aNext = a[(phase + 1) % 2];
            if (phase < steps) {
                t.t = step(d, steps, phase);
                long first = order.stepOffset(t.t);
                t.gates = (gates + first * rs.gateStride) * 4;
                t.extra = extra < 0 ? 0 : (extra + first * rs.extraStride) * 4;
                t.dOut = (dOut + first * call.outWidth() + (long) d * hidden) * 4;
            }
            int rowsAll = Math.max(prev, cur);
            for (int r0 = 0; r0 < rowsAll; r0 += SgemmKernel.MR) {
                int rows = Math.min(SgemmKernel.MR, rowsAll - r0);
                int product = Math.clamp(prev - r0, 0, rows);
                if (product > 0) panels[i].run(product, s, t.aCur + r0 * lda, lda, s);
                for (int r = product; r < rows; r++) Arrays.fill(s, t.tile(0, r), t.tile(0, r) + t.units, 0f);
                int live = Math.clamp(cur - r0, 0, rows);
                if (live > 0) cell.backward(t, r0, live);
                if (live < rows) {
                    GateVectors.addTile(s, t.tile(0, live), t.ldt, rows - live, t.units, t.work, t.dh + ((long) (r0 + live) * hidden + t.from) * 4,
                            hidden * 4L);
                }
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
                    call.reserve(), call.reserveBase() + rs.gates[l * call.directions() + d], rs.gateStride,
                    call.weights(), call.weightBase() + call.weightLayout().inputWeightOffset(l, d), width,
                    d == 0 ? 0f : 1f, call.work(), dIn, width);
        }
    }
}
