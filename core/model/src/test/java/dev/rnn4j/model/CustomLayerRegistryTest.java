package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.layers.AbstractLayer;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.LinearOps;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers.register: a custom layer trains, saves and loads through a checkpoint; the registry's errors name the type. */
class CustomLayerRegistryTest {

    /** y = x·kernel + bias, the kernel initialised to {@code initialScale} on its diagonal: a custom layer with weights and an option. */
    static final class Affine extends AbstractLayer {
        private final float initialScale;
        private Parameter kernel;
        private Parameter bias;

        Affine(float initialScale) {
            super("affine");
            this.initialScale = initialScale;
        }

        static Affine fromConfig(Map<String, Object> c) {
            return new Affine(((Number) c.get("initial_scale")).floatValue());
        }

        @Override
        public String type() {
            return "TestAffine";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("initial_scale", initialScale);
        }

        @Override
        protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
            int f = (int) features(in.getFirst());
            float[] diagonal = new float[f * f];
            for (int i = 0; i < f; i++) diagonal[i * f + i] = initialScale;
            kernel = addParameter(ctx, "kernel", () -> diagonal, f, f);
            bias = addParameter(ctx, "bias", () -> new float[f], f);
            return List.of(in.getFirst().clone());
        }

        @Override
        protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
            return List.of(LinearOps.linearKernel(tape, inputs.getFirst(), tape.param(kernel), tape.param(bias)));
        }
    }

    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void aRegisteredCustomLayerTrainsSavesAndLoads() throws Exception {
        Layers.register("TestAffine", Affine::fromConfig);
        assertTrue(Layers.registeredTypes().contains("TestAffine"));
        Tensor x = GradCheck.uniform(scope, 1, 8, 3), y = GradCheck.uniform(scope, 2, 8, 2);
        Path file = dir.resolve("custom.safetensors");
        float[] expected;
        try (Model model = Sequential.of(Input.floats(3), new Affine(2f), Layers.dense(2)).build(backend, 1)) {
            new GradCheck(backend).check((tape, in) -> model.call(tape, in.getFirst()), List.of(x), model.parameters(), 3);
            model.compile(Optimizers.adam(1e-2f), Losses.meanSquaredError());
            model.fit(x, y, FitOptions.defaults().epochs(3).batchSize(4).verbose(false));
            expected = model.predict(scope, x, 8).toFloatArray();
            Checkpoint.save(file, model, Map.of());
        }
        try (Model loaded = Checkpoint.load(file, backend).model()) {
            assertEquals("TestAffine", loaded.layers().getFirst().type());
            assertEquals(2f, ((Number) loaded.layers().getFirst().config().get("initial_scale")).floatValue());
            assertArrayEquals(expected, loaded.predict(scope, x, 8).toFloatArray(), 0f);
            assertEquals(List.of("affine.kernel", "affine.bias", "dense.weight", "dense.bias"), loaded.parameters().stream().map(Parameter::name).toList());
        }
    }

    @Test
    void theRegistryNamesWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("NoSuchLayer", Map.of())).getMessage()
                .contains("unknown layer type 'NoSuchLayer'; register a custom layer with Layers.register(\"NoSuchLayer\", factory)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.register("LSTM", c -> Layers.lstm(2))).getMessage().contains("built-in"));
        assertThrows(IllegalArgumentException.class, () -> Layers.register(" ", c -> Layers.lstm(2)));
        assertThrows(IllegalArgumentException.class, () -> Layers.register("TestNull", null));
        Layers.register("TestWrongType", c -> Layers.dense(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("TestWrongType", Map.of())).getMessage()
                .contains("made a layer of type 'Dense'"));
        Layers.register("TestAffine2", c -> new Affine(((Number) c.get("initial_scale")).floatValue()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("TestAffine2", Map.of("initial_scale", "big"))).getMessage()
                .contains("cannot read the config"));
        // a missing key of a built-in layer is named too
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Dense", Map.of())).getMessage().contains("'units'"));
    }
}
