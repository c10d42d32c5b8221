package dev.rnn4j.cpu;

import java.lang.foreign.MemorySegment;

/**
 * Byte offsets of one batch row's operands at one time step, handed to a {@link GateCell}. The time loop
 * sets the fields for every row and reuses one instance, so a step allocates nothing.
 *
 * <p>{@code work} holds the running state and the per-step scratch; {@code store} holds what outlives the
 * step (the reserve space in training, the work space in inference).
 */
final class GateRow {
    MemorySegment work;
    MemorySegment store;

    /** store: gate pre-activations in, activations out (forward); activations in, pre-activation gradients out (backward). */
    long gates;
    /** store: the mode's extra per-step value (LSTM c_t; GRU R_n h + b_Rn, then its gradient). */
    long extra;
    /** store: the output h_t of this row and direction. */
    long out;
    /** store: h_{t-1} and c_{t-1} of this row (the previous step's output, or the initial state). */
    long prevH;
    long prevC;

    /** work: R h_{t-1} of this row. */
    long hr;
    /** work: b_W and b_R (zeros where the bias mode has none). */
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
