package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.train.Callback;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Loss;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizer;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's step memory ({@link Model#stepTape}, {@link Workspaces}): fit, which trains on step tapes that reuse
 * buffers without zero-filling the ones an op overwrites, gives bit for bit the parameters of the same steps on
 * ordinary tapes (fresh zeroed memory), even with every free buffer filled with NaN before each step, so no op
 * reads memory it did not write; a step tape's variables refuse to be read after it closes; its zero-filled
 * allocations are zeros on reused memory; idle buffers are freed, and the model's close frees the rest.
 */
class StepMemoryTest {

    static final int V = 40, E = 16, H = 32, T = 16, N = 32, BATCH = 16, EPOCHS = 2;

    @Test
    void languageModelFitEqualsFreshTapesWithPoisonedStepMemory() {
        int[][] ids = tokens(1, 0);
        int[][] next = tokens(2, 0);
        fitEqualsFreshTapes(() -> Sequential.of(Input.tokens(T), Layers.embedding(V, E), Layers.lstm(H).returnSequences(true), Layers.dense(V)),
                ids, next, null);
    }

    @Test
    void raggedBidirectionalClassifierFitEqualsFreshTapesWithPoisonedStepMemory() {
        int[][] ids = tokens(3, 1);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) labels[i] = i % 3;
        fitEqualsFreshTapes(() -> Sequential.of(Input.tokens(T), Layers.embedding(V, E).maskZero(true), Layers.bidirectional(Layers.lstm(H), "concat"),
                Layers.dropout(0.25f), Layers.dense(3)), ids, null, labels);
    }

    @Test
    void stackedRecurrentDropoutFitEqualsFreshTapesWithPoisonedStepMemory() {
        int[][] ids = tokens(4, 1);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) labels[i] = (i * 7) % 2;
        fitEqualsFreshTapes(() -> Sequential.of(Input.tokens(T), Layers.embedding(V, E).maskZero(true),
                Layers.gru(H).returnSequences(true).recurrentDropout(0.2f), Layers.lstm(H).dropout(0.1f), Layers.dense(2)), ids, null, labels);
    }

    /** Trains two models built alike: one by fit (step tapes, step memory poisoned with NaN before every batch), one by hand on fresh tapes. */
    private static void fitEqualsFreshTapes(Supplier<Model> architecture, int[][] ids, int[][] sequenceTargets, int[] classTargets) {
        Loss loss = Losses.sparseCategoricalCrossentropy(true);
        try (Backend backend = Backends.cpu(); TensorScope host = TensorScope.open(); Model fitted = architecture.get(); Model manual = architecture.get()) {
            Tensor x = host.fromIntArray(ids);
            Tensor y = sequenceTargets != null ? host.fromIntArray(sequenceTargets) : host.fromIntArray(classTargets, N);
            fitted.build(backend, 77);
            manual.build(backend, 77);
            fitted.compile(Optimizers.adam(1e-2f), loss);
            Callback poison = new Callback() {
                @Override
                public void onBatchBegin(Model model, int epoch, int batch) {
                    model.stepMemory().forEachFree(t -> backend.fill(t, Float.NaN));
                }
            };
            fitted.fit(x, y, FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH).shuffle(false).verbose(false), poison);
            assertTrue(fitted.stepMemory().freeElements() > 0, "fit kept its buffers for the next step");

            Optimizer adam = Optimizers.adam(1e-2f);
            Dataset data = Dataset.of(x, y);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                for (int from = 0; from < N; from += BATCH) {
                    int[] rows = new int[BATCH];
                    for (int i = 0; i < BATCH; i++) rows[i] = from + i;
                    try (TensorScope batchScope = TensorScope.open(); GradientTape tape = manual.tape(true)) {
                        Dataset.Batch batch = data.batch(batchScope, rows);
                        Variable l = loss.compute(tape, manual.call(tape, tape.constant(batch.x())), tape.constant(batch.y()));
                        tape.backward(l);
                        adam.step(backend, manual.parameters());
                    }
                }
            }
            adam.close();
            for (int k = 0; k < fitted.parameters().size(); k++) {
                Parameter a = fitted.parameters().get(k);
                float[] got = HostData.floats(backend, a.value());
                assertTrue(allFinite(got), a.name() + " is not finite after fit");
                assertArrayEquals(HostData.floats(backend, manual.parameters().get(k).value()), got, a.name() + " after " + EPOCHS + " epochs");
            }
        }
    }

    @Test
    void stepTapeVariablesRefuseToBeReadAfterClose() {
        try (Backend backend = Backends.cpu(); TensorScope host = TensorScope.open();
             Model model = Sequential.of(Input.tokens(T), Layers.embedding(V, E), Layers.lstm(H).returnSequences(true)).build(backend, 1)) {
            Variable out;
            try (GradientTape tape = model.stepTape(false)) {
                assertTrue(tape.isStepTape());
                out = model.call(tape, tape.constant(host.fromIntArray(tokens(5, 0))));
                assertEquals(3, out.rank());
            }
            Variable closed = out;
            IllegalStateException e = assertThrows(IllegalStateException.class, closed::value);
            assertTrue(e.getMessage().contains("step memory"), e.getMessage());
            try (GradientTape tape = model.tape(false)) {
                assertTrue(!tape.isStepTape());
            }
        }
    }

    @Test
    void zeroFilledAllocationsAreZeroOnReusedMemoryAndIdleBuffersAreFreed() {
        try (Backend backend = Backends.cpu(); Model model = Sequential.of(Input.floats(4), Layers.dense(3)).build(backend, 1)) {
            Workspaces memory = model.stepMemory();
            try (GradientTape tape = model.stepTape(true)) {
                backend.fill(tape.allocateForOverwrite(64, 128), 5f);
                backend.fill(tape.workspace(100_000), 7f);
            }
            long kept = memory.freeElements();
            assertTrue(kept >= 64 * 128 + 100_000, "both buffers kept, " + kept + " floats");
            try (GradientTape tape = model.stepTape(true)) {
                float[] zeros = HostData.floats(backend, tape.allocate(64, 128));
                assertArrayEquals(new float[64 * 128], zeros, "allocate gives zeros on reused memory");
            }
            for (int pass = 0; pass < Workspaces.IDLE_PASSES + 1; pass++) {
                try (GradientTape tape = model.stepTape(false)) {
                    tape.allocate(2);
                }
            }
            assertEquals(0, memory.freeElements(), "buffers idle for " + (Workspaces.IDLE_PASSES + 1) + " passes are freed");
            try (GradientTape tape = model.stepTape(true)) {
                tape.workspace(10_000);
            }
            assertTrue(memory.freeElements() > 0);
        }
    }

    @Test
    void closingTheModelFreesItsStepMemory() {
        Backend backend = Backends.cpu();
        Model model = Sequential.of(Input.floats(4), Layers.dense(3)).build(backend, 1);
        Workspaces memory = model.stepMemory();
        GradientTape open = model.stepTape(true);
        open.workspace(50_000);
        try (GradientTape tape = model.stepTape(true)) {
            tape.workspace(20_000);
        }
        model.close();
        assertEquals(0, memory.freeElements());
        open.close(); // its buffer is freed as it comes back
        assertEquals(0, memory.freeElements());
        assertThrows(IllegalStateException.class, () -> memory.borrow(10));
        backend.close();
    }

    /** N rows of T ids in [1, V); with {@code ragged}, row i keeps i % (T + 1) tokens and zeros after them (a row of only padding among them). */
    private static int[][] tokens(long seed, int ragged) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] rows = new int[N][T];
        for (int i = 0; i < N; i++) {
            int length = ragged == 0 ? T : i % (T + 1);
            for (int s = 0; s < length; s++) rows[i][s] = random.nextInt(1, V);
        }
        return rows;
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) if (!Float.isFinite(x)) return false;
        return true;
    }
}
