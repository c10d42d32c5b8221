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
     * The time loop of one (layer, direction) backwards, on the backend's threads ({@link GemmThreads#phases}), cut
     * into parts as the forward is ({@link RnnParts}). The A rows of a step are the recurrent-side gate gradients
     * of the step processed before it, [rows, G·H] in one of two heap buffers per row group (by parity, as the
     * forward's); their product with R (as stored, k = G·H; packed once, in phase 0) gives dh, tile by tile
     * (unit panel by row block), and the gate-gradient math ({@link GateCell#backward}) runs on each tile right
     * away, writing the step's gradients to the reserve and to the other A buffer. Processing step p runs no
     * product at p = 0 (nothing came before) and only the product at p = steps (the last). A row whose sequence
     * has no earlier step (the reverse direction's, and every row at the end) gets dh_{t-1} = carried dh + its
     * product in dhState, and dc_{t-1} stays in dcState: its gradients of the initial states. Every element of
     * dh is summed in a fixed order whatever the cut, so the result does not depend on the threads.
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
        RnnParts parts = RnnParts.of(batch, hidden, call.threads().threads(), steps);
        int unitPanels = Math.ceilDiv(hidden, SgemmKernel.NR);
        int panel = depth * SgemmKernel.NR;
        long packedFloats = (long) unitPanels * panel;
        int tileFloats = 2 * SgemmKernel.MR * SgemmKernel.NR;
        int groupRows = parts.rows(0, batch);
        float[] s = RnnScratch.of(packedFloats + (long) parts.count() * tileFloats + 2L * parts.groups() * groupRows * lda);
        int tilesBase = (int) packedFloats;
        int groupsBase = tilesBase + parts.count() * tileFloats;
        GateCell cell = GateCell.of(call.rnn().mode());
        GateTiles[] tiles = new GateTiles[parts.count()];
        RnnPanels[] panels = new RnnPanels[parts.count()];
        for (int i = 0; i < tiles.length; i++) {
            GateTiles t = tiles[i] = new GateTiles();
            t.s = s;
            t.tile = tilesBase + i * tileFloats;
            t.ldt = SgemmKernel.NR;
            t.temp = t.tile + SgemmKernel.MR * SgemmKernel.NR;
            t.lda = lda;
            t.hidden = hidden;
            t.rowFirst = parts.group(i);
            t.rowStep = parts.groups();
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
            int slice = parts.slice(i);
            RnnPanels jobs = new RnnPanels(s, SgemmKernel.NR);
            for (int p = parts.slices().firstPanel(slice); p < parts.slices().endPanel(slice); p++) {
                jobs.beginPanel().beginClass(0, depth).add(p * panel, t.tile(0, 0));
            }
            panels[i] = jobs.done();
        }
        int phases = 1 + (parts.stepsAlone() ? 1 : steps + 1);
        call.threads().phases(phases, parts.count(), call.shareable(), (phase, i) -> {
            if (phase == 0) {
                for (int p = parts.firstPanel(i, unitPanels), end = parts.firstPanel(i + 1, unitPanels); p < end; p++) {
                    int columns = Math.min(SgemmKernel.NR, hidden - p * SgemmKernel.NR);
                    Sgemm.packB(false, depth, columns, call.weights(), recurrent, hidden, p * SgemmKernel.NR, s, p * panel);
                }
                return;
            }
            GateTiles t = tiles[i];
            int group = groupsBase + parts.group(i) * 2 * groupRows * lda;
            if (parts.stepsAlone()) {
                for (int p = 0; p <= steps; p++) step(call, parts, rs, cell, panels[i], t, i, d, p, group, groupRows, gates, extra, dOut);
            } else {
                step(call, parts, rs, cell, panels[i], t, i, d, phase - 1, group, groupRows, gates, extra, dOut);
            }
        });
    }

    /**
     * Processing step p (0 to steps) for part i: per unit panel of the part and row block of its rows, the product
     * of the rows of step p − 1 (zero for rows without one), the gate-gradient math of the rows of step p, and the
     * initial-state gradient of rows whose sequence ended at step p − 1.
     */
    private static void step(RnnCall call, RnnParts parts, RnnSpaces.Reserve rs, GateCell cell, RnnPanels panels, GateTiles t, int i, int d,
                             int p, int group, int groupRows, long gates, long extra, long dOut) {
        RnnBatchOrder order = call.order();
        int steps = order.steps(), j = parts.group(i);
        int prev = p == 0 ? 0 : parts.rows(j, order.batchSize(step(d, steps, p - 1)));
        int cur = p == steps ? 0 : parts.rows(j, order.batchSize(step(d, steps, p)));
        t.aCur = group + (p % 2) * groupRows * t.lda;
        t.aNext = group + ((p + 1) % 2) * groupRows * t.lda;
        if (p < steps) {
            t.t = step(d, steps, p);
            long first = order.stepOffset(t.t);
            t.gates = (gates + first * rs.gateStride) * 4;
            t.extra = extra < 0 ? 0 : (extra + first * rs.extraStride) * 4;
            t.dOut = (dOut + first * call.outWidth() + (long) d * t.hidden) * 4;
        }
        int rowsAll = Math.max(prev, cur), slice = parts.slice(i), firstPanel = parts.slices().firstPanel(slice);
        for (int q = firstPanel; q < parts.slices().endPanel(slice); q++) {
            for (int r0 = 0; r0 < rowsAll; r0 += SgemmKernel.MR) block(cell, panels, t, q, firstPanel, r0, rowsAll, prev, cur);
        }
    }

    /** Unit panel q, rows [r0, r0 + MR) of the step: the product, the gate-gradient math, the finished rows' dh. */
    private static void block(GateCell cell, RnnPanels panels, GateTiles t, int q, int firstPanel, int r0, int rowsAll, int prev, int cur) {
        t.from = q * SgemmKernel.NR;
        t.units = Math.min(SgemmKernel.NR, t.hidden - t.from);
        int rows = Math.min(SgemmKernel.MR, rowsAll - r0);
        int product = Math.clamp(prev - r0, 0, rows);
        if (product > 0) panels.run(q - firstPanel, product, t.s, t.aCur + r0 * t.lda, t.lda, t.s);
        for (int r = product; r < rows; r++) Arrays.fill(t.s, t.tile(0, r), t.tile(0, r) + t.units, 0f);
        int live = Math.clamp(cur - r0, 0, rows);
        if (live > 0) cell.backward(t, r0, live);
        if (live < rows) {
            GateVectors.addTile(t.s, t.tile(0, live), t.ldt, rows - live, t.units, t.work,
                    t.dh + ((long) t.global(r0 + live) * t.hidden + t.from) * 4, (long) t.rowStep * t.hidden * 4);
        }
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
