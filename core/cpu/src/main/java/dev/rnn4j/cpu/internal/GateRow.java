package dev.rnn4j.cpu.internal;

import java.lang.foreign.MemorySegment;

/**
 * Byte offsets of the operands of one time step's rows, handed to a {@link GateCell}: forward works on
 * {@code rows} rows at once, row k of an operand at its offset plus k times its stride; backward on the
 * one row at the offsets. The time loop sets the fields and reuses one instance, so a step allocates nothing.
 *
 * <p>{@code work} holds the running state and the per-step scratch; {@code store} holds what outlives the
 * step (the reserve space in training, the work space in inference).
 */
final class GateRow {
    MemorySegment work;
    MemorySegment store;

    /** Forward: the number of rows. */
    int rows;
    /** Forward: byte distances between consecutive rows of gates, extra (0 for one shared scratch row), out, hr, and the running state (h, hIn, c). */
    long gatesStride;
    long extraStride;
    long outStride;
    long hrStride;
    long stateStride;

    /** store: W x + R h in (the recurrent GEMM adds R h, but GRU's n gate's, into the input projection), activations out (forward); activations in, pre-activation gradients out (backward). */
    long gates;
    /** store: the mode's extra per-step value (LSTM c_t; GRU R_n h + b_Rn, then its gradient). */
    long extra;
    /** store: the output h_t of this row and direction. */
    long out;
    /** store: h_{t-1} and c_{t-1} of this row (the previous step's output, or the initial state). */
    long prevH;
    long prevC;

    /** work: R h_{t-1} of the gates the recurrent GEMM does not add into gates (GRU: the n gate). */
    long hr;
    /** work: b_W + b_R, and b_W and b_R alone (zeros where the bias mode has none). */
    long bias;
    long biasW;
    long biasR;
    /** work: the running h before this step (forward; h is where the new one goes). */
    long hIn;
    /** work: the running h and c (forward) or dh and dc (backward) of this row. */
    long h;
    long c;
    /** work: scratch for tanh(c_t) of this row (LSTM backward). */
    long cellTanh;
    /** work: dy of this row and direction (backward). */
    long dOut;
}
