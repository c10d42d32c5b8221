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
