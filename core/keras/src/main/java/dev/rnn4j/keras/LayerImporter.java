package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.layers.Bidirectional;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.layers.SequenceAttention;
import dev.rnn4j.rnn.RnnBiasMode;

import java.util.List;

/**
 * One Keras layer as the rnn4j layer that computes what Keras computes, its options read strictly
 * ({@link LayerConfig}): anything that would change the numbers and that rnn4j does not compute is an error naming
 * the layer, its class and the option.
 */
final class LayerImporter {

    private static final String INITIALIZERS_ETC = "kernel_initializer recurrent_initializer bias_initializer embeddings_initializer seed unroll implementation unit_forget_bias";

    private LayerImporter() {
    }

    /** A Keras layer call's options that rnn4j needs when it creates the layer (Keras call arguments). */
    record CallOptions(boolean returnAttentionScores, boolean causal, boolean hasInitialState) {
        static final CallOptions NONE = new CallOptions(false, false, false);
    }

    /**
     * @param notes collects what the importer accepted but rnn4j does not apply when training
     * @return the rnn4j layer named like the Keras layer
     */
    static Layer create(LayerConfig c, CallOptions call) {
        c.common();
        Layer layer = switch (c.className()) {
            case "Embedding" -> embedding(c);
            case "Dense" -> dense(c);
            case "Dropout" -> dropout(c);
            case "Masking" -> Layers.masking((float) c.number("mask_value", 0.0));
            case "SimpleRNN", "LSTM", "GRU" -> recurrent(c, true);
            case "Bidirectional" -> bidirectional(c);
            case "Conv1D" -> conv1d(c);
            case "GlobalAveragePooling1D" -> pooling(c, Layers.globalAveragePooling1D());
            case "GlobalMaxPooling1D" -> pooling(c, Layers.globalMaxPooling1D());
            case "Concatenate" -> concatenate(c);
            case "Attention", "AdditiveAttention" -> attention(c, call);
            default -> throw new IllegalArgumentException("layer '" + c.name() + "' has class " + c.className() + ", which rnn4j does not import; it imports " + LayerConfig.SUPPORTED);
        };
        c.finish();
        layer.setName(c.name());
        return layer;
    }

    private static Layer embedding(LayerConfig c) {
        var e = Layers.embedding(c.positive("input_dim"), c.positive("output_dim")).maskZero(c.bool("mask_zero", false));
        c.ignore("embeddings_initializer", "input_length", "quantization_config", "lora_alpha");
        c.trainingOnly("a regularizer or constraint", "embeddings_regularizer", "embeddings_constraint");
        if (c.bool("sparse", false)) throw c.unsupported("sparse", "dense embeddings");
        if (c.integer("lora_rank", 0) != 0) throw c.unsupported("lora_rank", "embeddings without LoRA");
        return e;
    }

    private static Layer dense(LayerConfig c) {
        var d = Layers.dense(c.positive("units")).activation(activation(c, "activation", "linear", "linear", "relu", "tanh", "sigmoid", "softmax"))
                .useBias(c.bool("use_bias", true));
        denseLike(c);
        return d;
    }

    private static void denseLike(LayerConfig c) {
        c.ignore("kernel_initializer", "bias_initializer", "quantization_config", "lora_alpha");
        c.trainingOnly("a regularizer or constraint", "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint");
        if (c.integer("lora_rank", 0) != 0) throw c.unsupported("lora_rank", "layers without LoRA");
    }

    private static Layer dropout(LayerConfig c) {
        double rate = c.number("rate", 0.0);
        if (c.has("noise_shape")) throw c.unsupported("noise_shape", "dropout with noise_shape=None");
        c.ignore("seed");
        return Layers.dropout((float) rate);
    }

    /** SimpleRNN, LSTM or GRU; {@code standalone}: not inside a Bidirectional (which has rnn4j's own semantics). */
    static Recurrent recurrent(LayerConfig c, boolean standalone) {
        int units = c.positive("units");
        Recurrent r = switch (c.className()) {
            case "LSTM" -> Layers.lstm(units);
            case "GRU" -> Layers.gru(units);
            case "SimpleRNN" -> Layers.simpleRnn(units, activation(c, "activation", "tanh", "tanh", "relu"));
            default -> throw c.error("is not a recurrent layer (SimpleRNN, LSTM or GRU)");
        };
        if (!c.className().equals("SimpleRNN")) activation(c, "activation", "tanh", "tanh");
        if (!c.className().equals("SimpleRNN")) activation(c, "recurrent_activation", "sigmoid", "sigmoid");
        if (c.className().equals("GRU") && !c.bool("reset_after", true)) {
            throw c.error("option reset_after=false (the tf.keras 1.x GRU, which applies the reset gate before the recurrent matrix product) is not supported: "
                    + "rnn4j's GRU is cuDNN's, Keras' reset_after=true (the default since tf.keras 2.0); retrain with reset_after=True");
        }
        if (c.bool("time_major", false)) throw c.unsupported("time_major", "batch-major inputs (time_major=False)");
        boolean useBias = c.bool("use_bias", true);
        r.biasMode(!useBias ? RnnBiasMode.NO_BIAS : c.className().equals("GRU") ? RnnBiasMode.DOUBLE_BIAS : RnnBiasMode.SINGLE_INP_BIAS)
                .returnSequences(c.bool("return_sequences", false)).returnState(c.bool("return_state", false))
                .goBackwards(c.bool("go_backwards", false)).stateful(c.bool("stateful", false));
        boolean zeroOutput = c.bool("zero_output_for_mask", false);
        if (standalone) r.maskSemantics(zeroOutput ? Recurrent.MaskSemantics.KERAS_ZERO_OUTPUT : Recurrent.MaskSemantics.KERAS_REPEAT_OUTPUT);
        c.ignore(INITIALIZERS_ETC.split(" "));
        c.trainingOnly("dropout inside the recurrent layer is not implemented", "dropout", "recurrent_dropout");
        c.trainingOnly("a regularizer or constraint", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
                "recurrent_constraint", "bias_constraint");
        return r;
    }

    private static Layer bidirectional(LayerConfig c) {
        String merge = c.has("merge_mode") ? c.oneOf("merge_mode", "concat", "concat", "sum", "ave", "mul") : "none";
        if (!c.has("merge_mode")) c.raw("merge_mode");
        Recurrent forward = inner(c, c.raw("layer"), "layer");
        if (forward.goBackwards()) throw c.error("its forward layer has go_backwards=true; rnn4j imports a Bidirectional whose forward layer reads forwards");
        Recurrent backward = c.has("backward_layer") ? inner(c, c.raw("backward_layer"), "backward_layer") : null;
        if (backward != null && !backward.goBackwards()) throw c.error("its backward_layer must have go_backwards=true");
        return new Bidirectional(forward, backward, merge);
    }

    private static Recurrent inner(LayerConfig outer, JsonNode entry, String option) {
        if (entry == null || !entry.isObject()) throw outer.error("option " + option + " is not a layer config");
        String cls = entry.path("class_name").asText("");
        if (!List.of("SimpleRNN", "LSTM", "GRU").contains(cls)) {
            throw outer.error("option " + option + " is a " + cls + "; rnn4j imports a Bidirectional around SimpleRNN, LSTM or GRU");
        }
        JsonNode cfg = entry.get("config");
        LayerConfig c = new LayerConfig(cfg != null && cfg.path("name").isTextual() ? cfg.path("name").asText() : outer.name() + "/" + option, cls, cfg, outer.notesSink());
        c.common();
        Recurrent r = recurrent(c, false);
        c.finish();
        if (r.stateful()) throw outer.error("stateful recurrent layers inside a Bidirectional are not supported");
        return r;
    }

    private static Layer conv1d(LayerConfig c) {
        var conv = Layers.conv1d(c.positive("filters"), c.positive("kernel_size")).strides(c.integer("strides", 1))
                .padding(c.oneOf("padding", "valid", "valid", "same")).activation(activation(c, "activation", "linear", "linear", "relu", "tanh", "sigmoid", "softmax"))
                .useBias(c.bool("use_bias", true));
        if (c.integer("dilation_rate", 1) != 1) throw c.unsupported("dilation_rate", "Conv1D with dilation_rate=1");
        if (c.integer("groups", 1) != 1) throw c.unsupported("groups", "Conv1D with groups=1");
        c.oneOf("data_format", "channels_last", "channels_last");
        denseLike(c);
        c.trainingOnly("a regularizer or constraint", "activity_regularizer");
        return conv;
    }

    private static Layer pooling(LayerConfig c, Layer layer) {
        c.oneOf("data_format", "channels_last", "channels_last");
        if (c.bool("keepdims", false)) throw c.unsupported("keepdims", "keepdims=False");
        return layer;
    }

    private static Layer concatenate(LayerConfig c) {
        if (c.integer("axis", -1) != -1) throw c.unsupported("axis", "concatenation along the last axis (axis=-1)");
        return Layers.concatenate();
    }

    private static Layer attention(LayerConfig c, CallOptions call) {
        boolean additive = c.className().equals("AdditiveAttention");
        boolean useScale = c.bool("use_scale", additive);
        SequenceAttention.Score score = additive ? SequenceAttention.Score.ADDITIVE
                : c.oneOf("score_mode", "dot", "dot", "concat").equals("dot") ? SequenceAttention.Score.DOT : SequenceAttention.Score.CONCAT;
        boolean causal = call.causal() || c.bool("causal", false); // "causal" is the Keras 2.x constructor option
        c.ignore("seed");
        return new SequenceAttention(score, useScale).causal(causal).returnScores(call.returnAttentionScores()).dropout((float) c.number("dropout", 0.0));
    }

    private static String activation(LayerConfig c, String key, String fallback, String... supported) {
        String a = c.activation(key, fallback);
        for (String s : supported) if (s.equals(a)) return a;
        throw c.unsupported(key, key + " in " + String.join(", ", supported));
    }
}
