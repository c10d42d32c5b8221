package dev.rnn4j.model.layers;

import dev.rnn4j.model.Layer;
import dev.rnn4j.rnn.RnnMode;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Factories with Keras' names, and the registry that re-creates layers from checkpoint configs: a type name
 * ({@link Layer#type()}) mapped to a function from the layer's {@link Layer#config()} to a new, unbuilt layer.
 * The built-in types are registered when this class loads; custom layers are registered with
 * {@link #register} (Keras' {@code register_keras_serializable}) before a checkpoint that holds them is loaded.
 */
public final class Layers {

    private static final Map<String, Function<Map<String, Object>, ? extends Layer>> REGISTRY = new ConcurrentHashMap<>();
    private static final Set<String> BUILT_IN;

    static {
        register("Embedding", Embedding::fromConfig);
        register("Dense", Dense::fromConfig);
        register("Dropout", Dropout::fromConfig);
        register("Conv1D", Conv1D::fromConfig);
        register("LSTM", c -> Recurrent.fromConfig(RnnMode.LSTM, c));
        register("GRU", c -> Recurrent.fromConfig(RnnMode.GRU, c));
        register("SimpleRNN", c -> Recurrent.fromConfig(RnnMode.RNN_TANH, c));
        register("SimpleRNNRelu", c -> Recurrent.fromConfig(RnnMode.RNN_RELU, c));
        register("GlobalAveragePooling1D", c -> new GlobalAveragePooling1D());
        register("GlobalMaxPooling1D", c -> new GlobalMaxPooling1D());
        register("SequenceAttention", SequenceAttention::fromConfig);
        register("Bidirectional", Bidirectional::fromConfig);
        register("Masking", c -> new Masking(Configs.f(c, "mask_value")));
        register("Concatenate", c -> new Concatenate());
        register("Attention", Attention::fromConfig);
        BUILT_IN = Set.copyOf(REGISTRY.keySet());
    }

    private Layers() {
    }

    /**
     * Registers {@code factory} as the way to re-create layers of {@code type} (the value their {@link Layer#type()}
     * returns) from their {@link Layer#config()}, e.g. {@code Layers.register("LinearMap", LinearMap::fromConfig)}.
     * Registering a custom type again replaces the earlier factory; the built-in types cannot be replaced.
     */
    public static void register(String type, Function<Map<String, Object>, ? extends Layer> factory) {
        if (type == null || type.isBlank()) throw new IllegalArgumentException("a layer type needs a name, got '" + type + "'");
        if (factory == null) throw new IllegalArgumentException("layer type '" + type + "' needs a factory, got null");
        if (BUILT_IN != null && BUILT_IN.contains(type)) throw new IllegalArgumentException("'" + type + "' is a built-in layer type and cannot be registered again");
        REGISTRY.put(type, factory);
    }

    /** The registered type names, built-in and custom, sorted. */
    public static Set<String> registeredTypes() {
        return new TreeSet<>(REGISTRY.keySet());
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

    /** Max over time; like Keras' layer it does not use the mask. */
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

    /**
     * Re-creates a layer from {@link Layer#type()} and {@link Layer#config()} through the registry. An unknown
     * type, a factory that fails on the config (a missing or mistyped entry), or one that makes a layer of
     * another type is an {@link IllegalArgumentException} naming the type.
     */
    public static Layer fromConfig(String type, Map<String, Object> config) {
        if (type == null || config == null) throw new IllegalArgumentException("layer entry lacks type or config");
        Function<Map<String, Object>, ? extends Layer> factory = REGISTRY.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'; register a custom layer with Layers.register(\"" + type
                    + "\", factory) before loading (registered: " + registeredTypes() + ")");
        }
        Layer layer;
        try {
            layer = factory.apply(config);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("layer type '" + type + "': its factory cannot read the config " + config + " (" + e + ")", e);
        }
        if (layer == null || !type.equals(layer.type())) {
            throw new IllegalArgumentException("the factory registered for layer type '" + type + "' made " + (layer == null ? "null" : "a layer of type '" + layer.type() + "'"));
        }
        return layer;
    }
}
