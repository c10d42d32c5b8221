package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;

/** rnn4j's RNN enums as cuDNN's constants (read from the generated bindings; no library is loaded for them). */
final class CudnnEnums {

    private CudnnEnums() {
    }

    static int cellMode(RnnMode mode) {
        return switch (mode) {
            case RNN_RELU -> CUDNN_RNN_RELU();
            case RNN_TANH -> CUDNN_RNN_TANH();
            case LSTM -> CUDNN_LSTM();
            case GRU -> CUDNN_GRU();
        };
    }

    static int biasMode(RnnBiasMode mode) {
        return switch (mode) {
            case NO_BIAS -> CUDNN_RNN_NO_BIAS();
            case SINGLE_INP_BIAS -> CUDNN_RNN_SINGLE_INP_BIAS();
            case SINGLE_REC_BIAS -> CUDNN_RNN_SINGLE_REC_BIAS();
            case DOUBLE_BIAS -> CUDNN_RNN_DOUBLE_BIAS();
        };
    }

    static int direction(boolean bidirectional) {
        return bidirectional ? CUDNN_BIDIRECTIONAL() : CUDNN_UNIDIRECTIONAL();
    }

    static int layout(RnnDataLayout layout) {
        return switch (layout) {
            case SEQ_MAJOR -> CUDNN_RNN_DATA_LAYOUT_SEQ_MAJOR_UNPACKED();
            case BATCH_MAJOR -> CUDNN_RNN_DATA_LAYOUT_BATCH_MAJOR_UNPACKED();
        };
    }

    static int forwardMode(RnnForwardMode mode) {
        return mode == RnnForwardMode.TRAINING ? CUDNN_FWD_MODE_TRAINING() : CUDNN_FWD_MODE_INFERENCE();
    }

    /** FMA math keeps cuDNN off TF32 tensor cores (exact FP32, the CPU's numbers); default math allows them. */
    static int mathType(boolean tf32) {
        return tf32 ? CUDNN_DEFAULT_MATH() : CUDNN_FMA_MATH();
    }
}
