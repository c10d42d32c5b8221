package dev.rnn4j.model;

import dev.rnn4j.backend.Backends;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

/** Finite-difference checks (see {@link GradCheck}) of every layer's backward, through whole small models. */
class LayerGradientTest {

    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    private Tensor randn(long... shape) {
        SplittableRandom rng = new SplittableRandom(shape.length * 1000L + shape[shape.length - 1]);
        float[] v = new float[(int) dev.rnn4j.tensor.Shapes.elementCount(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
        return scope.fromArray(v, shape);
    }

    private void checkModel(Model model, Tensor x, boolean watchInput) {
        model.build(backend, 3);
        GradCheck.Forward f = watchInput ? (tape, in) -> model.call(tape, in.getFirst()) : (tape, in) -> model.call(tape, tape.constant(x));
        new GradCheck(backend).check(f, watchInput ? List.of(x) : List.of(), model.parameters(), 11);
        model.close();
    }

    @Test
    void denseWithActivations() {
        for (String act : new String[] {"linear", "tanh", "sigmoid", "softmax"}) {
            checkModel(Sequential.of(Input.floats(3, 4), Layers.dense(5, act)), randn(2, 3, 4), true);
        }
    }

    @Test
    void lstmGruSimpleRnnSequencesAndStates() {
        for (var layer : List.of(Layers.lstm(4), Layers.gru(4), Layers.simpleRnn(4, "tanh"))) {
            checkModel(Sequential.of(Input.floats(5, 3), layer.returnSequences(true), Layers.dense(2)), randn(2, 5, 3), true);
        }
        checkModel(Sequential.of(Input.floats(5, 3), Layers.lstm(3).goBackwards(true)), randn(3, 5, 3), true);
    }

    @Test
    void recurrentBiasModes() {
        for (var bias : new dev.rnn4j.rnn.RnnBiasMode[] {dev.rnn4j.rnn.RnnBiasMode.SINGLE_INP_BIAS, dev.rnn4j.rnn.RnnBiasMode.NO_BIAS}) {
            for (var layer : List.of(Layers.lstm(3), Layers.gru(3), Layers.simpleRnn(3, "relu"))) {
                checkModel(Sequential.of(Input.floats(4, 2), layer.returnSequences(true).biasMode(bias), Layers.dense(2)), randn(2, 4, 2), true);
            }
        }
    }

    @Test
    void embeddingLstmWithMaskAndEmptyRow() {
        int[] ids = {3, 1, 4, 0, 0, 0,
                     2, 7, 1, 8, 2, 8,
                     0, 0, 0, 0, 0, 0};
        Tensor x = scope.fromIntArray(ids, 3, 6);
        checkModel(Sequential.of(Input.tokens(-1), Layers.embedding(9, 3).maskZero(true), Layers.lstm(4).returnSequences(true), Layers.lstm(3), Layers.dense(2)),
                x, false);
    }

    @Test
    void bidirectionalMergeModesAndCustomBackwardLayer() {
        for (String mode : new String[] {"concat", "sum", "ave", "mul"}) {
            checkModel(Sequential.of(Input.floats(4, 3), Layers.bidirectional(Layers.lstm(3).returnSequences(true), mode), Layers.dense(2)), randn(2, 4, 3), true);
        }
        checkModel(Sequential.of(Input.floats(4, 3), Layers.bidirectional(Layers.lstm(3), Layers.gru(2).goBackwards(true), "concat")), randn(2, 4, 3), true);
    }

    @Test
    void maskingAndPoolingWithMasks() {
        float[] v = {1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 8, 9, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < v.length; i++) if (v[i] != 0) v[i] = v[i] / 10f - 0.4f;
        Tensor x = scope.fromArray(v, 3, 4, 2);
        checkModel(Sequential.of(Input.floats(4, 2), Layers.masking(0f), Layers.gru(3).returnSequences(true), Layers.globalAveragePooling1D(), Layers.dense(2)), x, false);
        checkModel(Sequential.of(Input.floats(4, 2), Layers.masking(0f), Layers.simpleRnn(3, "tanh")), x, false);
    }

    @Test
    void attentionModelsWithMask() {
        int[] ids = {3, 1, 4, 1, 0, 2, 7, 1, 8, 2, 5, 0, 0, 0, 0};
        Tensor x = scope.fromIntArray(ids, 3, 5);
        for (var attention : List.of(Layers.dotAttention(), Layers.generalAttention(), Layers.additiveAttention(4))) {
            Node in = Input.tokens(-1);
            Node emb = Layers.embedding(9, 3).maskZero(true).apply(in);
            List<Node> rnn = Layers.lstm(4).returnSequences(true).returnState(true).apply(List.of(emb));
            List<Node> att = attention.apply(List.of(rnn.get(1), rnn.get(0)));
            Node merged = Layers.concatenate().apply(List.of(att.get(0), rnn.get(1))).getFirst();
            Node out = Layers.dense(2, "softmax").apply(merged);
            checkModel(Model.functional(in, out), x, false);
        }
    }

    @Test
    void simpleRnnReluWithSmallStepAwayFromTheKink() {
        Model model = Sequential.of(Input.floats(4, 2), Layers.masking(0f), Layers.simpleRnn(3, "relu").returnSequences(true));
        model.build(backend, 3);
        float[] v = {0.3f, -0.2f, 0.5f, 0.1f, 0, 0, 0, 0, -0.4f, 0.6f, 0.2f, 0.7f, 0.1f, 0.3f, -0.5f, 0.2f};
        Tensor x = scope.fromArray(v, 2, 4, 2);
        new GradCheck(backend).eps(1e-3).tolerance(3e-2, 5e-3).check((tape, in) -> model.call(tape, tape.constant(x)), List.of(), model.parameters(), 5);
        model.close();
    }
}
