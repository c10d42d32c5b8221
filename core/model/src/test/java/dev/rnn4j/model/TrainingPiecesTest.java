package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.generate.Sampler;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.layers.Attention;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.train.LearningRateSchedule;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Samplers, schedules, clipping, metrics, host losses and the functional-model checkpoint round trip. */
class TrainingPiecesTest {

    @TempDir
    Path dir;

    @Test
    void samplersRestrictTheCandidates() {
        float[] logits = {0f, 3f, 2.9f, -5f, 1f};
        assertEquals(1, Sampler.greedy().sample(logits, 0, 0));
        for (int d = 0; d < 200; d++) {
            int k = Sampler.topK(2, 1f).sample(logits, 7, d);
            assertTrue(k == 1 || k == 2, "top-2 drew " + k);
            int p = Sampler.topP(0.4, 1f).sample(logits, 7, d);
            assertTrue(p == 1, "top-p 0.4 keeps only the most likely token, drew " + p);
        }
        int[] counts = new int[5];
        for (int d = 0; d < 4000; d++) counts[Sampler.temperature(1f).sample(logits, 3, d)]++;
        double z = 0;
        for (float l : logits) z += Math.exp(l);
        assertEquals(Math.exp(3) / z, counts[1] / 4000.0, 0.03);
        for (int d = 0; d < 200; d++) {
            int both = Sampler.topKTopP(3, 0.5, 1f).sample(logits, 5, d); // top-3 is {1, 2, 4}; of those, 1 and 2 reach 0.5
            assertTrue(both == 1 || both == 2, "top-3 then top-p 0.5 drew " + both);
        }
        assertThrows(IllegalArgumentException.class, () -> Sampler.topKTopP(2, 0, 1f));
        assertThrows(IllegalArgumentException.class, () -> Sampler.topK(0, 1f));
        assertThrows(IllegalArgumentException.class, () -> Sampler.temperature(0f));
    }

    @Test
    void schedulesAndClipping() {
        LearningRateSchedule e = LearningRateSchedule.exponentialDecay(1f, 10, 0.5f, false);
        assertEquals(Math.pow(0.5, 0.5), e.at(5), 1e-6);
        assertEquals(0.25f, LearningRateSchedule.stepDecay(1f, 3, 0.5f).at(7), 1e-7);
        try (Backend backend = Backends.cpu(); TensorScope scope = TensorScope.open()) {
            Tensor value = scope.fromArray(new float[] {0, 0}, 2);
            Tensor grad = scope.fromArray(new float[] {3, 4}, 2);
            Parameter p = new Parameter("p", value, grad, true);
            var sgd = Optimizers.sgd(1f).clipNorm(1f);
            sgd.step(backend, List.of(p));
            assertArrayEquals(new float[] {-0.6f, -0.8f}, value.toFloatArray(), 1e-6f);
            grad.copyFrom(new float[] {3, -4});
            Optimizers.sgd(1f).clipValue(0.5f).step(backend, List.of(p));
            assertArrayEquals(new float[] {-1.1f, -0.3f}, value.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void confusionMatrixMetrics() {
        var m = Metrics.confusionMatrix(0.5f);
        m.update(new float[] {0.9f, 0.2f, 0.7f, 0.1f}, 1, new float[] {1, 1, 0, 0}, null);
        assertEquals(0.5, m.accuracy(), 1e-12);
        assertEquals(0.5, m.precision(1), 1e-12);
        assertEquals(0.5, m.recall(1), 1e-12);
        assertArrayEquals(new long[] {1, 1}, m.matrix()[0]);
    }

    @Test
    void binaryCrossEntropyAndMseMatchTheirFormulas() {
        try (Backend backend = Backends.cpu(); TensorScope scope = TensorScope.open(); GradientTape tape = GradientTape.open(backend, true, 0)) {
            Variable p = tape.watch(scope.fromArray(new float[] {0.8f, 0.3f}, 2, 1));
            Variable y = tape.constant(scope.fromArray(new float[] {1f, 0f}, 2, 1));
            float bce = Losses.value(tape, Losses.binaryCrossentropy(false).compute(tape, p, y));
            assertEquals(-(Math.log(0.8) + Math.log(0.7)) / 2, bce, 1e-6);
            Variable z = tape.watch(scope.fromArray(new float[] {2f, -1f}, 2));
            float fromLogits = Losses.value(tape, Losses.binaryCrossentropy(true).compute(tape, z, tape.constant(scope.fromArray(new float[] {1f, 1f}, 2))));
            assertEquals((Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(1))) / 2, fromLogits, 1e-6);
            Variable mse = Losses.meanSquaredError().compute(tape, z, tape.constant(scope.fromArray(new float[] {1f, 1f}, 2)));
            assertEquals((1 + 4) / 2.0, Losses.value(tape, mse), 1e-6);
            tape.backward(mse);
            assertArrayEquals(new float[] {1f, -2f}, HostData.floats(backend, z.grad()), 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossentropy(false).compute(tape, p, tape.constant(scope.fromArray(new float[] {2f, 0f}, 2, 1))));
        }
    }

    @Test
    void functionalAttentionModelRoundTripsThroughACheckpoint() throws Exception {
        Node in = Input.tokens(-1);
        Node emb = Layers.embedding(9, 4).maskZero(true).apply(in);
        List<Node> rnn = Layers.bidirectional(Layers.lstm(3).returnSequences(true), "concat").apply(List.of(emb));
        List<Node> state = Layers.lstm(6).returnState(true).apply(List.of(emb));
        Attention attention = Layers.additiveAttention(5);
        List<Node> att = attention.apply(List.of(state.get(1), rnn.getFirst()));
        Node out = Layers.dense(3).apply(Layers.concatenate().apply(List.of(att.get(0), state.get(0))).getFirst());
        Path file = dir.resolve("att.safetensors");
        try (Backend backend = Backends.cpu(); TensorScope scope = TensorScope.open();
             Model model = Model.functional(List.of(in), List.of(out, att.get(1))).build(backend, 2)) {
            Tensor x = scope.fromIntArray(new int[] {1, 2, 3, 0, 4, 5, 6, 7}, 2, 4);
            float[] before;
            float[] weights;
            try (GradientTape tape = model.tape(false)) {
                List<Variable> outs = model.call(tape, List.of(tape.constant(x)));
                before = HostData.floats(backend, outs.get(0).value());
                weights = HostData.floats(backend, outs.get(1).value());
            }
            assertEquals(0f, weights[3], 1e-6f, "a masked step gets no attention");
            assertEquals(1f, weights[0] + weights[1] + weights[2], 1e-5f);
            assertArrayEquals(weights, attention.lastWeights(), 0f);
            Checkpoint.save(file, model, Map.of());
            try (Model loaded = Checkpoint.load(file, backend).model(); GradientTape tape = loaded.tape(false)) {
                assertEquals(model.parameters().stream().map(Parameter::name).toList(), loaded.parameters().stream().map(Parameter::name).toList());
                assertArrayEquals(before, HostData.floats(backend, loaded.call(tape, List.of(tape.constant(x))).get(0).value()), 0f);
            }
        }
    }
}
