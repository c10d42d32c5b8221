package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.recurrent.RNN;

/**
 * The PyTorch side of an RNN case, through DJL's PyTorch engine: {@code torch.lstm / gru / rnn_tanh /
 * rnn_relu} on the problem's weights, sequence-major like rnn4j's side, every sequence run to T (the padded
 * batch).
 */
public final class TorchRnn extends TorchRnnSide {

    public TorchRnn(NDManager parent, RnnProblem problem) {
        super(parent, problem);
    }

    @Override
    protected NDArray run(boolean training) {
        var ex = x.getNDArrayInternal();
        boolean bias = TorchWeights.hasBiases(rnn);
        NDList out = switch (rnn.mode()) {
            case LSTM -> ex.lstm(x, new NDList(h0, c0), params, bias, rnn.numLayers(), 0, training, rnn.bidirectional(), false);
            case GRU -> ex.gru(x, h0, params, bias, rnn.numLayers(), 0, training, rnn.bidirectional(), false);
            case RNN_TANH -> ex.rnn(x, h0, params, bias, rnn.numLayers(), RNN.Activation.TANH, 0, training, rnn.bidirectional(), false);
            case RNN_RELU -> ex.rnn(x, h0, params, bias, rnn.numLayers(), RNN.Activation.RELU, 0, training, rnn.bidirectional(), false);
        };
        return out.get(0);
    }
}
