package dev.rnn4j.rnn;

import java.util.Objects;

/**
 * What cuDNN's RNN descriptor v8 holds: cell mode, layers, directions, sizes, bias mode and the dropout
 * applied to the outputs of every layer but the last (training only), with its seed.
 */
public record RnnDescriptor(
        RnnMode mode,
        int numLayers,
        boolean bidirectional,
        int inputSize,
        int hiddenSize,
        RnnBiasMode biasMode,
        float dropout,
        long dropoutSeed) {

    public RnnDescriptor {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(biasMode, "biasMode");
        if (numLayers < 1) throw new IllegalArgumentException("numLayers must be >= 1, got " + numLayers);
        if (inputSize < 1) throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        if (hiddenSize < 1) throw new IllegalArgumentException("hiddenSize must be >= 1, got " + hiddenSize);
        if (!(dropout >= 0f && dropout < 1f)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }

    /** Double bias, no dropout. */
    public static RnnDescriptor of(RnnMode mode, int numLayers, boolean bidirectional, int inputSize, int hiddenSize) {
        return new RnnDescriptor(mode, numLayers, bidirectional, inputSize, hiddenSize, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Width of y: directions × hiddenSize. */
    public int outputSize() {
        return directions() * hiddenSize;
    }

    /** Input width of layer {@code layer}: inputSize for layer 0, directions × hiddenSize above. */
    public int layerInputSize(int layer) {
        if (layer < 0 || layer >= numLayers) throw new IndexOutOfBoundsException("layer " + layer + " of " + numLayers);
        return layer == 0 ? inputSize : outputSize();
    }

    public RnnWeightLayout weightLayout() {
        return new RnnWeightLayout(this);
    }
}
