package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Forward through every layer and direction. Per (layer, direction) one time loop ({@link #recur}): per step,
 * one product of the step's rows [x_t | h_{t-1}] with [W | R]^T (packed once per call) for all gates at once,
 * computed tile by tile, each row block's gate math run on its tiles while they are in L1 (no pass over a
 * gate buffer), split over threads by hidden-unit slices. The reverse direction walks the steps backwards; a
 * sequence enters it at its own last valid step, with its initial state.
 */
final class RnnForward {

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private RnnForward() {
    }

    /**
     * @param dropoutStream the dropout stream of this call ({@link RnnDropout#stream}); unused in inference
     */
    static void run(RnnCall call, boolean training, RnnDataLayout layout, Tensor x, Tensor y,
                    Tensor hx, Tensor hy, Tensor cx, Tensor cy, long dropoutStream) {
        RnnDescriptor rnn = call.rnn();
        RnnBatchOrder order = call.order();
        RnnSpaces.ForwardWork ws = call.layout().forward(training);
        RnnSpaces.Reserve rs = call.layout().reserve;
        MemorySegment work = call.work();
        long wb = call.workBase();
        MemorySegment store = training ? call.reserve() : work;
        long sb = training ? call.reserveBase() : wb;
        if (training) RnnReserveHeader.write(store, sb, rnn, order.descriptor(), RnnReserveHeader.Phase.NONE);

        // x is read in place when its rows already are the packed rows
        boolean xAsIs = RnnSequenceIo.packedAsIs(x, layout, order);
        if (!xAsIs) RnnSequenceIo.gatherSequences(x, layout, order, work, wb + ws.xPacked);
        MemorySegment inSeg = xAsIs ? x.segment() : work;
        long in = xAsIs ? x.offset() : wb + ws.xPacked;
        long out = 0;
        for (int l = 0; l < rnn.numLayers(); l++) {
            out = sb + (training ? rs.out[l] : ws.out[l % 2]);
            for (int d = 0; d < rnn.directions(); d++) {
                int ld = l * rnn.directions() + d;
                long gates = training ? sb + rs.gates[ld] : -1;
                long extra = training && rs.extra[ld] >= 0 ? sb + rs.extra[ld] : -1;
                loadBiases(call, l, d, ws);
                RnnSequenceIo.gatherState(hx, ld, order, call.hidden(), work, wb + ws.hState);
                RnnSequenceIo.gatherState(cx, ld, order, call.hidden(), work, wb + ws.cState);
                if (training) {
                    long states = (long) order.batch() * call.hidden();
                    MemorySegment.copy(work, F, (wb + ws.hState) * 4, store, F, (sb + rs.h0[ld]) * 4, states);
                    MemorySegment.copy(work, F, (wb + ws.cState) * 4, store, F, (sb + rs.c0[ld]) * 4, states);
                }
                recur(call, l, d, ws, new Io(inSeg, in, store, gates, extra, out), training);
                RnnSequenceIo.scatterState(work, wb + ws.hState, order, call.hidden(), hy, ld);
                RnnSequenceIo.scatterState(work, wb + ws.cState, order, call.hidden(), cy, ld);
            }
            inSeg = store;
            in = out;
            if (training && rs.dropped[l] >= 0) {
                RnnDropout.apply(dropoutStream, rnn.dropout(), l, order, call.outWidth(), store, out, sb + rs.mask[l], sb + rs.dropped[l]);
                in = sb + rs.dropped[l];
            }
        }
        RnnSequenceIo.scatterSequences(store, out, order, layout, y);
        if (training) RnnReserveHeader.write(store, sb, rnn, order.descriptor(), RnnReserveHeader.Phase.FORWARD);
    }

    /**
     * Where one (layer, direction) reads and writes, in floats: the layer input rows [N, width] in {@code inSeg};
     * in {@code store} the output rows [N, DH], and in training gates and extra (-1 when absent).
     */
    private record Io(MemorySegment inSeg, long in, MemorySegment store, long gates, long extra, long out) {
    }

    /**
     * The time loop of one (layer, direction), on the backend's threads ({@link GemmThreads#phases}), cut into parts
     * by {@link RnnParts}. The A rows of a step, [x_t | h_{t-1}] (row stride {@link RnnSpaces#rowStride}), live in
     * one of two heap buffers per row group: step s reads the one of its parity and the gate math writes h_t into
     * the other, so no product reads a row a gate pass of the same step has already overwritten. Phase 0 packs
     * [W | R]^T (every gate of every unit panel, shared out among the parts); then either each row group runs
     * all its steps alone (its x rows copied in at each step), or each step is a phase whose slices split the
     * units (the step's slices copy the next step's x rows). Per unit panel and row block the part computes the
     * tiles ({@link RnnPanels}: for GRU's n gate, W_n x and R_n h apart) and right away their gate math
     * ({@link GateCell#forward}). A call of one step (a token at a time) packs nothing: its products read
     * [W | R] in place ({@link RnnDotProducts}) and its only phase is the step. c is on the heap too; the final h
     * and c of every row end in the work space's hState and cState.
     */
    private static void recur(RnnCall call, int l, int d, RnnSpaces.ForwardWork ws, Io io, boolean training) {
        RnnBatchOrder order = call.order();
        RnnSpaces.Reserve rs = call.layout().reserve;
        int hidden = call.hidden();
        int gateCount = call.rnn().mode().gates();
        int steps = order.steps();
        int batch = order.batch();
        int width = call.rnn().layerInputSize(l);
        int depth = width + hidden;
        int lda = RnnSpaces.rowStride(depth);
        GateCell cell = GateCell.of(call.rnn().mode());
        int slots = gateCount;
        for (int g = 0; g < gateCount; g++) {
            if (!cell.recurrentInGates(g)) slots++;
        }
        RnnParts parts = RnnParts.of(batch, hidden, call.threads().threads(), steps);
        int unitPanels = Math.ceilDiv(hidden, SgemmKernel.NR);
        int panel = depth * SgemmKernel.NR;
        boolean direct = steps == 1;
        long packedFloats = direct ? 0 : (long) unitPanels * gateCount * panel;
        int accumulators = (slots + 1) * SgemmKernel.MR * SgemmKernel.NR;
        int tileFloats = accumulators + 32 * SgemmKernel.L;
        int groupRows = parts.rows(0, batch);
        int groupFloats = 2 * groupRows * lda + groupRows * hidden;
        float[] s = RnnScratch.of(packedFloats + (long) parts.count() * tileFloats + (long) parts.groups() * groupFloats);
        int tilesBase = (int) packedFloats;
        int groupsBase = tilesBase + parts.count() * tileFloats;
        MemorySegment work = call.work();
        long wb = call.workBase();
        for (int k = 0; k < batch; k++) {
            int j = k % parts.groups(), row = k / parts.groups(), a0 = groupsBase + j * groupFloats;
            long h0 = (wb + ws.hState + (long) k * hidden) * 4;
            MemorySegment.copy(work, F, h0, s, a0 + row * lda + width, hidden);
            MemorySegment.copy(work, F, h0, s, a0 + groupRows * lda + row * lda + width, hidden);
            MemorySegment.copy(work, F, (wb + ws.cState + (long) k * hidden) * 4, s, a0 + 2 * groupRows * lda + row * hidden, hidden);
        }
        MemorySegment weights = call.weights();
        long inputWeights = call.weightBase() + call.weightLayout().inputWeightOffset(l, d);
        long recurrentWeights = call.weightBase() + call.weightLayout().recurrentWeightOffset(l, d);
        GateTiles[] tiles = new GateTiles[parts.count()];
        RnnProducts[] products = new RnnProducts[parts.count()];
        for (int i = 0; i < tiles.length; i++) {
            GateTiles t = tiles[i] = new GateTiles();
            int group = groupsBase + parts.group(i) * groupFloats;
            t.s = s;
            t.tile = tilesBase + i * tileFloats;
            t.ldt = SgemmKernel.NR;
            t.temp = t.tile + slots * SgemmKernel.MR * SgemmKernel.NR;
            t.lda = lda;
            t.hColumn = width;
            t.c = group + 2 * groupRows * lda;
            t.hidden = hidden;
            t.rowFirst = parts.group(i);
            t.rowStep = parts.groups();
            t.work = work;
            t.store = io.store();
            t.bias = (wb + ws.bias) * 4;
            t.biasW = (wb + ws.biasW) * 4;
            t.biasR = (wb + ws.biasR) * 4;
            t.training = training;
            t.gatesStride = rs.gateStride * 4L;
            t.extraStride = rs.extraStride * 4L;
            t.outStride = call.outWidth() * 4L;
            int slice = parts.slice(i);
            products[i] = direct
                    ? new RnnDotProducts(cell, gateCount, t, weights, inputWeights, recurrentWeights, width, t.tile + accumulators)
                    : jobs(cell, t, s, parts.slices().firstPanel(slice), parts.slices().endPanel(slice), gateCount, width, hidden);
        }
        int packing = direct ? 0 : 1;
        int count = parts.count();
        if (direct) copyInputs(order, d, 0, io, width, s, groupsBase, lda, 0, 1);
        int phases = packing + (parts.stepsAlone() ? 1 : steps);
        call.threads().phases(phases, count, call.shareable(), (phase, i) -> {
            GateTiles t = tiles[i];
            int group = groupsBase + parts.group(i) * groupFloats;
            if (phase < packing) {
                for (int p = parts.firstPanel(i, unitPanels), end = parts.firstPanel(i + 1, unitPanels); p < end; p++) {
                    int columns = Math.min(SgemmKernel.NR, hidden - p * SgemmKernel.NR);
                    for (int g = 0; g < gateCount; g++) {
                        int column = g * hidden + p * SgemmKernel.NR, at = (p * gateCount + g) * panel;
                        Sgemm.packB(true, width, columns, weights, inputWeights, width, column, s, at);
                        Sgemm.packB(true, hidden, columns, weights, recurrentWeights, hidden, column, s, at + width * SgemmKernel.NR);
                    }
                }
                if (!parts.stepsAlone()) copyInputs(order, d, 0, io, width, s, group, lda, i, count);
                return;
            }
            if (parts.stepsAlone()) {
                for (int step = 0; step < steps; step++) {
                    copyInputs(order, d, step, io, width, s, group + (step % 2) * groupRows * lda, lda, parts, parts.group(i));
                    step(call, parts, order, rs, io, cell, products[i], t, i, d, step, group, groupRows, training);
                }
            } else {
                int step = phase - packing;
                step(call, parts, order, rs, io, cell, products[i], t, i, d, step, group, groupRows, training);
                copyInputs(order, d, step + 1, io, width, s, group + ((step + 1) % 2) * groupRows * lda, lda, i, count);
            }
        });
        for (int k = 0; k < batch; k++) {
            // a row's last step wrote h into the buffer of the parity of its step count: forward, its length; reverse, all steps
            int j = k % parts.groups(), row = k / parts.groups(), group = groupsBase + j * groupFloats;
            int last = group + ((d == 0 ? order.length(k) : steps) % 2) * groupRows * lda;
            MemorySegment.copy(s, last + row * lda + width, work, F, (wb + ws.hState + (long) k * hidden) * 4, hidden);
            MemorySegment.copy(s, group + 2 * groupRows * lda + row * hidden, work, F, (wb + ws.cState + (long) k * hidden) * 4, hidden);
        }
    }

    /** Step {@code step} for part i: its rows (of its row group) through its unit panels, tiles then gate math per block. */
    private static void step(RnnCall call, RnnParts parts, RnnBatchOrder order, RnnSpaces.Reserve rs, Io io, GateCell cell,
                             RnnProducts products, GateTiles t, int i, int d, int step, int group, int groupRows, boolean training) {
        int time = time(d, order.steps(), step);
        int active = parts.rows(parts.group(i), order.batchSize(time));
        t.aCur = group + (step % 2) * groupRows * t.lda;
        t.aNext = group + ((step + 1) % 2) * groupRows * t.lda;
        long first = order.stepOffset(time);
        t.gates = training ? (io.gates() + first * rs.gateStride) * 4 : 0;
        t.extra = io.extra() >= 0 ? (io.extra() + first * rs.extraStride) * 4 : 0;
        t.out = (io.out() + first * call.outWidth() + (long) d * t.hidden) * 4;
        int slice = parts.slice(i), firstPanel = parts.slices().firstPanel(slice);
        for (int p = firstPanel; p < parts.slices().endPanel(slice); p++) {
            t.from = p * SgemmKernel.NR;
            t.units = Math.min(SgemmKernel.NR, t.hidden - t.from);
            for (int r0 = 0; r0 < active; r0 += SgemmKernel.MR) {
                int rows = Math.min(SgemmKernel.MR, active - r0);
                products.run(p - firstPanel, rows, t.s, t.aCur + r0 * t.lda, t.lda, t.s);
                cell.forward(t, r0, rows);
            }
        }
    }

    /**
     * The panel products of a part over unit panels [firstPanel, endPanel): every gate's packed [W | R]^T panel
     * (gate g of unit panel p at {@code (p·gates + g)·panel}) over the whole row into slot g; a gate whose R h is
     * kept apart gets its W x (the first {@code width} columns) in its own slot and its R h (the rest) in a slot
     * after the gates.
     */
    private static RnnPanels jobs(GateCell cell, GateTiles t, float[] packed, int firstPanel, int endPanel, int gateCount, int width,
                                  int hidden) {
        int panel = (width + hidden) * SgemmKernel.NR;
        RnnPanels jobs = new RnnPanels(packed, t.ldt);
        for (int p = firstPanel; p < endPanel; p++) {
            jobs.beginPanel().beginClass(0, width + hidden);
            for (int g = 0; g < gateCount; g++) {
                if (cell.recurrentInGates(g)) jobs.add((p * gateCount + g) * panel, t.tile(g, 0));
            }
            jobs.beginClass(0, width);
            for (int g = 0; g < gateCount; g++) {
                if (!cell.recurrentInGates(g)) jobs.add((p * gateCount + g) * panel, t.tile(g, 0));
            }
            jobs.beginClass(width, hidden);
            int slot = gateCount;
            for (int g = 0; g < gateCount; g++) {
                if (!cell.recurrentInGates(g)) jobs.add((p * gateCount + g) * panel + width * SgemmKernel.NR, t.tile(slot++, 0));
            }
        }
        return jobs.done();
    }

    /** Slice {@code slice} of {@code count} copies its share of the x rows of processing step {@code step} (if any) into A rows {@code a}. */
    private static void copyInputs(RnnBatchOrder order, int d, int step, Io io, int width, float[] s, int a, int lda, int slice, int count) {
        if (step >= order.steps()) return;
        int time = time(d, order.steps(), step);
        int active = order.batchSize(time);
        long first = order.stepOffset(time);
        for (int k = slice * active / count, end = (slice + 1) * active / count; k < end; k++) {
            MemorySegment.copy(io.inSeg(), F, (io.in() + (first + k) * width) * 4, s, a + k * lda, width);
        }
    }

    /** Row group {@code group} copies the x rows of its rows at processing step {@code step} into its A rows {@code a}. */
    private static void copyInputs(RnnBatchOrder order, int d, int step, Io io, int width, float[] s, int a, int lda, RnnParts parts, int group) {
        int time = time(d, order.steps(), step);
        long first = order.stepOffset(time);
        for (int i = 0, rows = parts.rows(group, order.batchSize(time)); i < rows; i++) {
            MemorySegment.copy(io.inSeg(), F, (io.in() + (first + group + (long) i * parts.groups()) * width) * 4, s, a + i * lda, width);
        }
    }

    /** The time step of processing step s: forward from the first step, reverse from the last. */
    private static int time(int d, int steps, int s) {
        return d == 0 ? s : steps - 1 - s;
    }

    /** b_W and b_R of (l, d) into the work space, zeros where the bias mode has none, and their sum. */
    private static void loadBiases(RnnCall call, int l, int d, RnnSpaces.ForwardWork ws) {
        RnnWeightLayout wl = call.weightLayout();
        long wb = call.workBase();
        copyOrZero(call, wl.inputBiasOffset(l, d), wb + ws.biasW);
        copyOrZero(call, wl.recurrentBiasOffset(l, d), wb + ws.biasR);
        GateVectors.add(call.work(), wb + ws.biasW, call.work(), wb + ws.biasR, call.work(), wb + ws.bias, call.gateWidth());
    }

    private static void copyOrZero(RnnCall call, long weightOffset, long dst) {
        long bytes = call.gateWidth() * 4L;
        if (weightOffset < 0) {
            call.work().asSlice(dst * 4, bytes).fill((byte) 0);
        } else {
            MemorySegment.copy(call.weights(), (call.weightBase() + weightOffset) * 4, call.work(), dst * 4, bytes);
        }
    }
}
