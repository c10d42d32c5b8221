package dev.rnn4j.rnn;

import dev.rnn4j.tensor.Tensor;

/**
 * One RNN on one backend: cuDNN's RNN API v8, one method per phase. Tensors live on the backend's device.
 *
 * <p>Shapes: x and dx as {@code xDesc.shape()} (vectorSize = inputSize); y and dy the same with
 * vectorSize = {@link RnnDescriptor#outputSize()}; hx, hy, dhx, dhy, and for LSTM cx, cy, dcx, dcy:
 * [numLayers × directions, batch, hidden]. Initial-state and state-gradient arguments may be null
 * (zeros; outputs not written). weightSpace has {@link #weightSpaceSize()} elements in the canonical
 * {@link RnnWeightLayout}. workSpace and reserveSpace have at least the sizes {@link #spaceSizes} gives
 * (a null workSpace is allowed when its size is 0).
 *
 * <p>Strides: the sequences (x, y, dx, dy) and the states may be any views with stride 1 along their last
 * axis, for instance a sequence-major view of batch-major memory or a slice of a wider tensor; every backend
 * accepts them. cuDNN reads packed tensors only, so the CUDA backend copies such views into packed
 * temporaries before the call and its outputs back after it, as PyTorch's {@code contiguous()} does (a
 * packed tensor costs no copy). The weight space, its gradient and the work and reserve spaces are flat
 * buffers and must be contiguous. Every backend applies the same rules, {@link dev.rnn4j.backend.spi.RnnCallRules},
 * before touching memory.
 *
 * <p>Threads: a plan is fixed at creation (its descriptor, weight layout and backend); what changes after is
 * the count of forward(TRAINING) calls, which picks each call's dropout mask, and caches. Whether calls may
 * overlap follows the backend that made the plan:
 * <ul>
 *   <li>CPU: a plan may be called from several threads at once, provided each call has its own outputs
 *       (y, hy, cy, dx, dhx, dcx, dWeightSpace) and its own work and reserve spaces; each call then gives what
 *       it gives alone. With dropout, which training call draws which mask follows the order the calls
 *       arrive in.</li>
 *   <li>CUDA: one thread at a time, like the backend: a plan runs on the backend's stream and cuDNN handle
 *       and, when cuDNN orders the weights differently, shares one device copy of them between calls.</li>
 * </ul>
 * Code that must run on either backend calls a plan from one thread at a time, or gives each thread its own
 * backend and plan.
 *
 * <p>Order of a training step, as in cuDNN: forward(TRAINING) → backwardData → backwardWeights, with the
 * same reserveSpace; backwardData rewrites the reserve space with what backwardWeights needs.
 */
public interface RnnPlan extends AutoCloseable {

    RnnDescriptor descriptor();

    /** Elements of the weight space (= descriptor().weightLayout().size()). */
    long weightSpaceSize();

    /** Work and reserve space needed for a call with {@code xDesc}. */
    RnnSpaceSizes spaceSizes(RnnForwardMode mode, RnnDataDescriptor xDesc);

    void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y,
                 Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                 Tensor weightSpace, Tensor workSpace, Tensor reserveSpace);

    /** dx, dhx, dcx from dy, dhy, dcy (cuDNN's cudnnRNNBackwardData_v8). */
    void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx,
                      Tensor hx, Tensor dhy, Tensor dhx, Tensor cx, Tensor dcy, Tensor dcx,
                      Tensor weightSpace, Tensor workSpace, Tensor reserveSpace);

    /** Adds the weight gradients into dWeightSpace (cuDNN's cudnnRNNBackwardWeights_v8, CUDNN_WGRAD_MODE_ADD). */
    void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y,
                         Tensor dWeightSpace, Tensor workSpace, Tensor reserveSpace);

    @Override
    void close();
}
