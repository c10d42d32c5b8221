package dev.rnn4j.model.layers;

import dev.rnn4j.model.Layer;
import dev.rnn4j.rnn.RnnMode;

import java.util.Map;

/** Factories with Keras' names, and the registry that re-creates layers from checkpoint configs. */
public final class Layers {

    private Layers() {
    }

    public static Embedding embedding(int inputDim, int outputDim) {
        return new Embedding(inputDim, outputDim);
    }

    public static Recurrent lstm(int units) {
        return new Recurrent(RnnMode.LSTM, units);
    }

    public static Recurrent gru(int units) {
        return new Recurrent(RnnMode.GRU, units);
    }

    /** SimpleRNN with tanh ({@code "tanh"}) or relu ({@code "relu"}). */
    public static Recurrent simpleRnn(int units, String activation) {
        return new Recurrent(switch (activation) {
            case "tanh" -> RnnMode.RNN_TANH;
            case "relu" -> RnnMode.RNN_RELU;
            default -> throw new IllegalArgumentException("SimpleRNN activation must be tanh or relu, got '" + activation + "'");
        }, units);
    }

    public static Dense dense(int units) {
        return new Dense(units);
    }

    public static Dense dense(int units, String activation) {
        return new Dense(units).activation(activation);
    }

    /** Conv1D with {@code filters} outputs and a window of {@code kernelSize} steps (stride 1, padding "valid"). */
    public static Conv1D conv1d(int filters, int kernelSize) {
        return new Conv1D(filters, kernelSize);
    }

    public static Conv1D conv1d(int filters, int kernelSize, String activation) {
        return new Conv1D(filters, kernelSize).activation(activation);
    }

    public static Dropout dropout(float rate) {
        return new Dropout(rate);
    }

    public static GlobalAveragePooling1D globalAveragePooling1D() {
        return new GlobalAveragePooling1D();
    }

    /** Maximum over every time step (the mask is not read, as in Keras 3). */
    public static GlobalMaxPooling1D globalMaxPooling1D() {
        return new GlobalMaxPooling1D();
    }

    public static Bidirectional bidirectional(Recurrent layer, String mergeMode) {
        return new Bidirectional(layer, mergeMode);
    }

    public static Bidirectional bidirectional(Recurrent layer, Recurrent backwardLayer, String mergeMode) {
        return new Bidirectional(layer, backwardLayer, mergeMode);
    }

    public static Masking masking(float maskValue) {
        return new Masking(maskValue);
    }

    public static Concatenate concatenate() {
        return new Concatenate();
    }

    /** Luong dot-product attention. */
    public static Attention dotAttention() {
        return new Attention(Attention.Score.DOT, 0);
    }

    /** Luong general attention (a learned bilinear score). */
    public static Attention generalAttention() {
        return new Attention(Attention.Score.GENERAL, 0);
    }

    /** Bahdanau additive attention with {@code units} hidden units. */
    public static Attention additiveAttention(int units) {
        return new Attention(Attention.Score.ADDITIVE, units);
    }

    /** Keras' Attention: each query step attends over the value steps with dot-product scores. */
    public static SequenceAttention attention(boolean useScale) {
        return new SequenceAttention(SequenceAttention.Score.DOT, useScale);
    }

    /** Keras' AdditiveAttention (Bahdanau scores; useScale learns a weight per feature). */
    public static SequenceAttention additiveSequenceAttention(boolean useScale) {
        return new SequenceAttention(SequenceAttention.Score.ADDITIVE, useScale);
    }

    /** Re-creates a layer from {@link Layer#type()} and {@link Layer#config()}. */
    public static Layer fromConfig(String type, Map<String, Object> config) {
        if (type == null || config == null) throw new IllegalArgumentException("layer entry lacks type or config");
        return switch (type) {
            case "Embedding" -> Embedding.fromConfig(config);
            case "Dense" -> Dense.fromConfig(config);
            case "Dropout" -> Dropout.fromConfig(config);
            case "Conv1D" -> Conv1D.fromConfig(config);
            case "LSTM" -> Recurrent.fromConfig(RnnMode.LSTM, config);
            case "GRU" -> Recurrent.fromConfig(RnnMode.GRU, config);
            case "SimpleRNN" -> Recurrent.fromConfig(RnnMode.RNN_TANH, config);
            case "SimpleRNNRelu" -> Recurrent.fromConfig(RnnMode.RNN_RELU, config);
            case "GlobalAveragePooling1D" -> new GlobalAveragePooling1D();
            case "GlobalMaxPooling1D" -> new GlobalMaxPooling1D();
            case "SequenceAttention" -> SequenceAttention.fromConfig(config);
            case "Bidirectional" -> Bidirectional.fromConfig(config);
            case "Masking" -> new Masking(Configs.f(config, "mask_value"));
            case "Concatenate" -> new Concatenate();
            case "Attention" -> Attention.fromConfig(config);
            default -> throw new IllegalArgumentException("unknown layer type '" + type + "'");
        };
    }
}
