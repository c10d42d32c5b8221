package dev.rnn4j.examples;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Sequential;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Custom layers end to end: {@link LinearMap} and {@link MlpLayer} are registered with {@code Layers.register}, a
 * model made of them learns y = sin(x₀) + x₁·x₂ with fit, is saved to a checkpoint and loaded back (the registry
 * re-creates the custom layers from their configs), and the loaded model predicts exactly what the trained one
 * did. The test suite runs {@link #run} on every build.
 */
public final class CustomLayersExample {

    /** The first and last epoch's loss, the largest difference between the two models' predictions, and the summary. */
    public record Result(double firstLoss, double lastLoss, double largestDifference, String summary) {
    }

    private CustomLayersExample() {
    }

    public static Result run(Backend backend, Path checkpoint) throws IOException {
        Layers.register("LinearMap", LinearMap::fromConfig);
        Layers.register("MlpLayer", MlpLayer::fromConfig);
        int n = 512;
        float[][] x = new float[n][3];
        float[][] y = new float[n][1];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) x[i][k] = (float) (rng.nextDouble() * 2 - 1);
            y[i][0] = (float) (Math.sin(x[i][0]) + x[i][1] * x[i][2]);
        }
        try (TensorScope scope = TensorScope.open();
             Model model = Sequential.of(Input.floats(3), new MlpLayer(32, 32), new LinearMap(1)).build(backend, 5)) {
            Tensor xs = scope.fromArray(x), ys = scope.fromArray(y);
            model.compile(Optimizers.adam(1e-2f), Losses.meanSquaredError());
            History h = model.fit(xs, ys, FitOptions.defaults().epochs(30).batchSize(32).verbose(false));
            float[] trained = model.predict(scope, xs, 128).toFloatArray();
            Checkpoint.save(checkpoint, model, Map.of());
            try (Model loaded = Checkpoint.load(checkpoint, backend).model()) {
                float[] again = loaded.predict(scope, xs, 128).toFloatArray();
                double largest = 0;
                for (int i = 0; i < trained.length; i++) largest = Math.max(largest, Math.abs(trained[i] - again[i]));
                double[] loss = h.get("loss");
                return new Result(loss[0], loss[loss.length - 1], largest, loaded.summary());
            }
        }
    }

    public static void main(String[] args) throws IOException {
        try (Backend backend = Backends.auto().backend()) {
            Path file = Files.createTempFile("custom-layers", ".safetensors");
            Result r = run(backend, file);
            System.out.print(r.summary());
            System.out.printf("loss %.4f -> %.4f; the loaded model differs by at most %.1e%n", r.firstLoss(), r.lastLoss(), r.largestDifference());
            Files.deleteIfExists(file);
        }
    }
}
