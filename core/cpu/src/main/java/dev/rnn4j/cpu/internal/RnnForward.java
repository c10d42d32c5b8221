package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Forward through every layer and direction. Per (layer, direction): one GEMM projects the inputs of all
 * steps at once (packed x [N, I] · W^T → gates [N, G]); then per step one GEMM of the running states of the
 * sequences still active (h [bs, H] · R^T, R^T packed once per call, added into the projected gates) and
 * the fused gate kernel over the step's rows,
 * both split over threads by hidden-unit slices. The reverse direction
 * walks the steps backwards; a sequence enters it at its own last valid step, with its initial state.
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
        RnnSpaces.Reserve rs = training ? call.layout().reserve : null;
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
                long gates = sb + (training ? rs.gates[ld] : ws.xw);
                long extra = training ? (rs.extra[ld] >= 0 ? sb + rs.extra[ld] : -1) : wb + ws.extraRow;
                projectInputs(call, l, d, inSeg, in, store, gates);
                loadBiases(call, l, d, ws);
                RnnSequenceIo.gatherState(hx, ld, order, call.hidden(), work, wb + ws.hState);
                RnnSequenceIo.gatherState(cx, ld, order, call.hidden(), work, wb + ws.cState);
                if (training) {
                    long states = (long) order.batch() * call.hidden();
                    MemorySegment.copy(work, F, (wb + ws.hState) * 4, store, F, (sb + rs.h0[ld]) * 4, states);
                    MemorySegment.copy(work, F, (wb + ws.cState) * 4, store, F, (sb + rs.c0[ld]) * 4, states);
                }
                recur(call, l, d, ws, store, gates, extra, out, !training);
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

    /** gates [N, G] = in [N, layerInput] · W^T for all steps at once. */
    private static void projectInputs(RnnCall call, int l, int d, MemorySegment inSeg, long in, MemorySegment store, long gates) {
        int width = call.rnn().layerInputSize(l);
        Sgemm.gemm(call.threads(), false, true, (int) call.rows(), call.gateWidth(), width, 1f,
                inSeg, in, width,
                call.weights(), call.weightBase() + call.weightLayout().inputWeightOffset(l, d), width,
                0f, store, gates, call.gateWidth());
    }

    /**
     * The time loop of one (layer, direction), on the backend's threads ({@link GemmThreads#phases}): phase 0 packs
     * R^T once per hidden-unit slice ({@link RnnSlices}) into a {@link RnnScratch} array; phase 1 + s is step
     * s, where every slice runs its recurrent GEMM (h_{t-1} [bs, H] · its R^T columns of every gate, added
     * straight into the step's rows of gates, see {@link GateCell#recurrentInGates}) and the gate kernel of
     * its hidden units for the step's active rows. h is double-buffered (step s reads hState if s is
     * even, else hNext, and writes the other), so a slice never overwrites the h another slice is still
     * reading; c, hr and the gates of a slice are its own. The final h of every row ends in hState.
     */
    private static void recur(RnnCall call, int l, int d, RnnSpaces.ForwardWork ws, MemorySegment store,
                              long gates, long extra, long out, boolean sharedExtraRow) {
        RnnBatchOrder order = call.order();
        int hidden = call.hidden();
        int gateWidth = call.gateWidth();
        int gateCount = gateWidth / hidden;
        int steps = order.steps();
        long wb = call.workBase();
        long recurrent = call.weightBase() + call.weightLayout().recurrentWeightOffset(l, d);
        RnnSlices slices = RnnSlices.of(hidden, call.threads().threads());
        long[] h = {wb + ws.hState, wb + ws.hNext};
        MemorySegment.copy(call.work(), h[0] * 4, call.work(), h[1] * 4, (long) order.batch() * hidden * 4);
        int panel = Sgemm.packedBSize(hidden, slices.width());
        float[] packed = RnnScratch.of((long) slices.count() * gateCount * panel);
        GateCell cell = GateCell.of(call.rnn().mode());
        GateRow[] rows = new GateRow[slices.count()];
        for (int i = 0; i < rows.length; i++) {
            GateRow row = rows[i] = new GateRow();
            row.work = call.work();
            row.store = store;
            row.bias = (wb + ws.bias) * 4;
            row.biasW = (wb + ws.biasW) * 4;
            row.biasR = (wb + ws.biasR) * 4;
            row.hr = (wb + ws.hr) * 4;
            row.c = (wb + ws.cState) * 4;
            row.gatesStride = gateWidth * 4L;
            row.extraStride = sharedExtraRow ? 0 : hidden * 4L;
            row.outStride = call.outWidth() * 4L;
            row.hrStride = gateWidth * 4L;
            row.stateStride = hidden * 4L;
        }
        call.threads().phases(steps + 1, slices.count(), call.shareable(), (phase, i) -> {
            int from = slices.from(i), to = slices.to(i);
            int slicePanels = i * gateCount * panel;
            if (phase == 0) {
                for (int g = 0; g < gateCount; g++) {
                    Sgemm.packB(true, hidden, to - from, call.weights(), recurrent, hidden, g * hidden + from, packed, slicePanels + g * panel);
                }
                return;
            }
            int s = phase - 1;
            int t = d == 0 ? s : steps - 1 - s;
            int active = order.batchSize(t);
            if (active == 0) return;
            long hIn = h[s % 2];
            long first = order.stepOffset(t);
            long stepGates = gates + first * gateWidth;
            for (int g = 0; g < gateCount; g++) {
                long column = (long) g * hidden + from;
                if (cell.recurrentInGates(g)) {
                    Sgemm.gemmPackedB(active, to - from, hidden, call.work(), hIn, hidden, packed, slicePanels + g * panel,
                            1f, store, stepGates + column, gateWidth);
                } else {
                    Sgemm.gemmPackedB(active, to - from, hidden, call.work(), hIn, hidden, packed, slicePanels + g * panel,
                            0f, call.work(), wb + ws.hr + column, gateWidth);
                }
            }
            GateRow row = rows[i];
            row.rows = active;
            row.gates = stepGates * 4;
            row.extra = extra < 0 ? 0 : (sharedExtraRow ? extra : extra + first * hidden) * 4;
            row.out = (out + first * call.outWidth() + (long) d * hidden) * 4;
            row.hIn = hIn * 4;
            row.h = h[(s + 1) % 2] * 4;
            cell.forward(row, hidden, from, to);
        });
        for (int k = 0; k < order.batch(); k++) {
            // a row's last step wrote hNext when it was an even step: forward, step length - 1; reverse, the last step
            if ((d == 0 ? order.length(k) : steps) % 2 == 1) {
                MemorySegment.copy(call.work(), (h[1] + (long) k * hidden) * 4, call.work(), (h[0] + (long) k * hidden) * 4, hidden * 4L);
            }
        }
    }

    /** b_W and b_R of (l, d) into the work space, zeros where the bias mode has none, and their sum. */
    private static void loadBiases(RnnCall call, int l, int d, RnnSpaces.ForwardWork ws) {
        RnnWeightLayout wl = call.weightLayout();
        long wb = call.workBase();
        copyOrZero(call, wl.inputBiasOffset(l, d), wb + ws.biasW);
        copyOrZero(call, wl.recurrentBiasOffset(l, d), wb + ws.biasR);
        for (int j = 0; j < call.gateWidth(); j++) {
            call.work().setAtIndex(F, wb + ws.bias + j, call.work().getAtIndex(F, wb + ws.biasW + j) + call.work().getAtIndex(F, wb + ws.biasR + j));
        }
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
