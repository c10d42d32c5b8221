package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.cpu.CpuBackend;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

/** Finite-difference checks (see {@link GradCheck}) of every layer's backward, through whole small models. */
class LayerGradientTest {

    private final Backend backend = new CpuBackend();
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
    void embeddingLstmWithMaskAndEmptyRow() {
        int[] ids = {3, 1, 4, 0, 0, 0,
                     2, 7, 1, 8, 2, 8,
                     0, 0, 0, 0, 0, 0};
        Tensor x = scope.fromIntArray(ids, 3, 6);
        checkModel(Sequential.of(Input.tokens(-1), Layers.embedding(9, 3).maskZero(true), Layers.lstm(4).returnSequences(true), Layers.lstm(3), Layers.dense(2)),
                x, false);
    }
}
