package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;

/**
 * Where the buffers of one CPU RNN call live, in floats from the start of the work or reserve space.
 * N is the number of packed rows (sum of sequence lengths, see {@link RnnBatchOrder}), B the batch,
 * I the input size, H the hidden size, G = gates·H, DH = directions·H. Every buffer starts on a 64-byte
 * boundary relative to its space.
 *
 * <p>Reserve space (training): a 16-float header ({@link RnnReserveHeader}); per layer l the packed output
 * out[l] [N, DH] (forward direction in columns [0, H), reverse in [H, 2H)); per (layer, direction)
 * gates [N, G] (row stride {@link Reserve#gateStride}; activations after forward, pre-activation gradients
 * after backwardData), extra [N, H] (row stride {@link Reserve#extraStride}; LSTM: c_t; GRU: R_n h + b_Rn,
 * after backwardData its gradient; absent for RNN_TANH/RNN_RELU) and the sorted initial states h0, c0 [B, H];
 * per layer below the last, when dropout is on, mask [N, DH] (the dropout scales) and dropped [N, DH]
 * (= out·mask, the next layer's input). Rows of gates and extra are {@link #rowStride padded} off multiples of
 * 1 KiB.
 *
 * <p>Work space: forward needs xPacked [N, I], hState and cState [B, H] (the states in sorted order) and
 * bias, biasW, biasR [G]; inference adds two ping-pong layer outputs [N, DH]. backwardData needs dOut and
 * dIn [N, max(I, DH)] and the carried dhState, dcState [B, H]; backwardWeights needs xPacked [N, I], the
 * rows [input | h_{t-1}] [N, max(I, DH) + H] (padded stride), their product with dG [G, max(I, DH) + H] and
 * the bias sums [G]. The training work size is the largest of the three. The time loops' running state, packed
 * weights and tiles live on the heap ({@link RnnScratch}).
 */
final class RnnSpaces {

    private RnnSpaces() {
    }

    /**
     * A row stride for rows of {@code floats} floats: a multiple of 16 floats (64 bytes), moved off multiples of
     * 256 floats. Rows 4 KiB (or 1 or 2 KiB) apart fall into the same L1 sets, and a load from one row looks
     * like it depends on a store to the row 4 KiB before (4K aliasing): the LSTM's 4H row at H = 256 is
     * exactly 4 KiB.
     */
    static int rowStride(int floats) {
        int stride = (floats + 15) / 16 * 16;
        return stride % 256 == 0 ? stride + 16 : stride;
    }

    /** Hands out consecutive 64-byte aligned regions. */
    private static final class Cursor {
        private long next;

        Cursor(long start) {
            next = start;
        }

        long take(long floats) {
            long at = next;
            next += (floats + 15) / 16 * 16;
            return at;
        }

        long size() {
            return next;
        }
    }

    static final class Reserve {
        final long[] out;
        final long[] gates;
        final long[] extra;
        final long[] h0;
        final long[] c0;
        final long[] mask;
        final long[] dropped;
        /** Row strides of gates and extra, in floats. */
        final int gateStride;
        final int extraStride;
        final long size;

        Reserve(RnnDescriptor rnn, RnnBatchOrder order) {
            int layers = rnn.numLayers();
            int dirs = rnn.directions();
            int hidden = rnn.hiddenSize();
            long rows = order.rows();
            long gateWidth = (long) rnn.mode().gates() * hidden;
            boolean hasExtra = rnn.mode() == RnnMode.LSTM || rnn.mode() == RnnMode.GRU;
            boolean dropout = rnn.dropout() > 0f;
            gateStride = rowStride((int) gateWidth);
            extraStride = rowStride(hidden);
            Cursor cursor = new Cursor(RnnReserveHeader.FLOATS);
            out = new long[layers];
            gates = new long[layers * dirs];
            extra = new long[layers * dirs];
            h0 = new long[layers * dirs];
            c0 = new long[layers * dirs];
            mask = new long[layers];
            dropped = new long[layers];
            for (int l = 0; l < layers; l++) {
                out[l] = cursor.take(rows * rnn.outputSize());
                for (int d = 0; d < dirs; d++) {
                    int ld = l * dirs + d;
                    gates[ld] = cursor.take(rows * gateStride);
                    extra[ld] = hasExtra ? cursor.take(rows * extraStride) : -1;
                    h0[ld] = cursor.take((long) order.batch() * hidden);
                    c0[ld] = cursor.take((long) order.batch() * hidden);
                }
                boolean dropped = dropout && l < layers - 1;
                mask[l] = dropped ? cursor.take(rows * rnn.outputSize()) : -1;
                this.dropped[l] = dropped ? cursor.take(rows * rnn.outputSize()) : -1;
            }
            size = cursor.size();
        }

        /**
         * h_{t-1} of sorted sequence k at step t for (layer l, direction d), "previous" in the direction's
         * processing order: the direction's output at that step if the sequence ran there, else its initial state.
         */
        long previousH(RnnBatchOrder order, int l, int d, int dirs, int hidden, int t, int k) {
            int prevT = d == 0 ? t - 1 : t + 1;
            if (prevT >= 0 && prevT < order.steps() && k < order.batchSize(prevT)) {
                return out[l] + order.row(prevT, k) * dirs * hidden + (long) d * hidden;
            }
            return h0[l * dirs + d] + (long) k * hidden;
        }

        /** c_{t-1} as {@link #previousH}, from the LSTM cell states kept in extra. */
        long previousC(RnnBatchOrder order, int l, int d, int dirs, int hidden, int t, int k) {
            int prevT = d == 0 ? t - 1 : t + 1;
            if (prevT >= 0 && prevT < order.steps() && k < order.batchSize(prevT)) {
                return extra[l * dirs + d] + order.row(prevT, k) * extraStride;
            }
            return c0[l * dirs + d] + (long) k * hidden;
        }

        /** The input of layer l + 1 in the reserve: the dropped output of layer l, or its output. */
        long nextInput(int l) {
            return dropped[l] >= 0 ? dropped[l] : out[l];
        }
    }

    static final class ForwardWork {
        final long xPacked;
        final long hState;
        final long cState;
        /** b_W + b_R */
        final long bias;
        final long biasW;
        final long biasR;
        /** inference only (-1 in training) */
        final long[] out = new long[2];
        final long size;

        ForwardWork(RnnDescriptor rnn, RnnBatchOrder order, boolean training) {
            long rows = order.rows();
            int hidden = rnn.hiddenSize();
            long gateWidth = (long) rnn.mode().gates() * hidden;
            Cursor cursor = new Cursor(0);
            xPacked = cursor.take(rows * rnn.inputSize());
            hState = cursor.take((long) order.batch() * hidden);
            cState = cursor.take((long) order.batch() * hidden);
            bias = cursor.take(gateWidth);
            biasW = cursor.take(gateWidth);
            biasR = cursor.take(gateWidth);
            out[0] = training ? -1 : cursor.take(rows * rnn.outputSize());
            out[1] = training ? -1 : cursor.take(rows * rnn.outputSize());
            size = cursor.size();
        }
    }

    static final class BackwardDataWork {
        final long dOut;
        final long dIn;
        final long dhState;
        final long dcState;
        final long size;

        BackwardDataWork(RnnDescriptor rnn, RnnBatchOrder order) {
            long rows = order.rows();
            long width = Math.max(rnn.inputSize(), rnn.outputSize());
            Cursor cursor = new Cursor(0);
            dOut = cursor.take(rows * width);
            dIn = cursor.take(rows * width);
            dhState = cursor.take((long) order.batch() * rnn.hiddenSize());
            dcState = cursor.take((long) order.batch() * rnn.hiddenSize());
            size = cursor.size();
        }
    }

    static final class BackwardWeightsWork {
        final long xPacked;
        /** [N, inputStride]: a layer input row, then h_{t-1} of that row. */
        final long inputs;
        final int inputStride;
        /** [G, max(I, DH) + H]: dG^T · inputs, before it is added into dW. */
        final long product;
        /** [G]: the column sums of dG. */
        final long biasSums;
        final long size;

        BackwardWeightsWork(RnnDescriptor rnn, RnnBatchOrder order) {
            int widest = Math.max(rnn.inputSize(), rnn.numLayers() > 1 ? rnn.outputSize() : 0) + rnn.hiddenSize();
            long gateWidth = (long) rnn.mode().gates() * rnn.hiddenSize();
            inputStride = rowStride(widest);
            Cursor cursor = new Cursor(0);
            xPacked = cursor.take(order.rows() * rnn.inputSize());
            inputs = cursor.take(order.rows() * inputStride);
            product = cursor.take(gateWidth * widest);
            biasSums = cursor.take(gateWidth);
            size = cursor.size();
        }
    }
}
