package dev.rnn4j.cuda;

import dev.rnn4j.backend.Backends;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Node;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Model layers built only from SPI calls (Conv1D's gather + gemm, Bidirectional with states) give the same loss,
 * input gradient and parameter gradients on the GPU as on the CPU, from the same seed. Needs a GPU.
 */
@Tag("gpu")
@ExtendWith(RequiresGpu.class)
class ModelLayersGpuTest {

    private static final int B = 3, T = 9, C = 4;

    @Test
    void conv1dValidAndSameWithStrides() {
        compare(() -> {
            Node in = Input.floats(T, C);
            Node a = Layers.conv1d(5, 3, "relu").padding("same").apply(in);
            Node b = Layers.conv1d(3, 4).strides(2).apply(a);
            Node c = Layers.conv1d(2, 2).padding("same").strides(2).apply(b);
            return Model.functional(in, Layers.dense(2).apply(Layers.globalAveragePooling1D().apply(c)));
        });
    }

    @Test
    void bidirectionalWithStates() {
        compare(() -> {
            Node in = Input.floats(T, C);
            List<Node> outs = Layers.bidirectional(Layers.lstm(4).returnState(true), "concat").apply(List.of(in));
            return Model.functional(in, Layers.dense(2).apply(Layers.concatenate().apply(outs).getFirst()));
        });
    }

    private static void compare(Supplier<Model> model) {
        List<float[]> cpu, gpu;
        try (Backend backend = Backends.cpu()) {
            cpu = gradients(backend, model.get());
        }
        try (CudaBackend backend = CudaBackend.create(0)) {
            gpu = gradients(backend, model.get());
        }
        for (int i = 0; i < cpu.size(); i++) {
            float[] e = cpu.get(i), a = gpu.get(i);
            assertEquals(e.length, a.length);
            for (int j = 0; j < e.length; j++) assertEquals(e[j], a[j], 1e-4 * (1 + Math.abs(e[j])), "tensor " + i + " element " + j);
        }
    }

    /** [loss, d input, d parameters...] for one MSE step against a fixed target. */
    private static List<float[]> gradients(Backend backend, Model model) {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[B * T * C], y = new float[B * 2];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
        for (int i = 0; i < y.length; i++) y[i] = (float) rng.nextDouble();
        List<float[]> out = new ArrayList<>();
        try (model; TensorScope host = TensorScope.open()) {
            model.build(backend, 21);
            try (GradientTape tape = model.tape(true)) {
                Variable input = tape.watch(host.fromArray(x, B, T, C));
                Variable loss = Losses.meanSquaredError().compute(tape, model.call(tape, input), tape.constant(host.fromArray(y, B, 2)));
                out.add(new float[] {Losses.value(tape, loss)});
                tape.backward(loss);
                out.add(HostData.floats(backend, input.grad()));
            }
            for (Parameter p : model.parameters()) out.add(HostData.floats(backend, p.grad()));
        }
        return out;
    }
}
