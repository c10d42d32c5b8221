package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.layers.Recurrent.MaskSemantics;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Masks padded before or after the data, and the two mask semantics of a recurrent layer. The oracle of every
 * padded run is the same model run on each row alone, unpadded (no mask involved): its outputs are placed where
 * the semantics put them (rnn4j: at the row's valid steps, zeros elsewhere; Keras: in reading order over the
 * whole, possibly reversed, time axis, zeros or the previous output at masked steps).
 */
class MaskSemanticsTest {

    private static final int T = 6;
    private static final int[][] TOKENS = {{3, 1, 4, 1, 5, 9}, {2, 6, 5}, {3}, {5, 8, 9, 7}};
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    private static Recurrent cell(RnnMode mode) {
        return switch (mode) {
            case LSTM -> Layers.lstm(4);
            case GRU -> Layers.gru(4);
            default -> Layers.simpleRnn(4, "tanh");
        };
    }

    private Tensor padded(int[][] rows, boolean pre) {
        int[] ids = new int[rows.length * T];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, ids, r * T + (pre ? T - rows[r].length : 0), rows[r].length);
        return scope.fromIntArray(ids, rows.length, T);
    }

    /** Outputs of {@code model} on {@code ids} (host copies) and the mask of its first output. */
    private record Run(List<float[]> outputs, SequenceMask mask) {
    }

    private Run run(Model model, Tensor ids) {
        try (GradientTape tape = model.tape(false)) {
            List<Variable> out = model.call(tape, List.of(tape.constant(ids)));
            List<float[]> host = new ArrayList<>();
            for (Variable v : out) host.add(HostData.floats(backend, v.value()));
            return new Run(host, out.getFirst().mask());
        }
    }

    private float[] alone(Model model, int[] row) {
        return run(model, scope.fromIntArray(row, 1, row.length)).outputs().getFirst();
    }

    @Test
    void rnn4jSemanticsPutOutputsAtTheValidStepsOnEitherSide() {
        for (RnnMode mode : new RnnMode[] {RnnMode.LSTM, RnnMode.GRU, RnnMode.RNN_TANH}) {
            for (boolean backwards : new boolean[] {false, true}) {
                try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true), cell(mode).returnSequences(true).goBackwards(backwards))) {
                    model.build(backend, 5);
                    for (boolean pre : new boolean[] {false, true}) {
                        Run r = run(model, padded(TOKENS, pre));
                        assertEquals(pre ? SequenceMask.Padding.PRE : SequenceMask.Padding.POST, r.mask().padding());
                        for (int row = 0; row < TOKENS.length; row++) {
                            float[] want = alone(model, TOKENS[row]);
                            int first = pre ? T - TOKENS[row].length : 0;
                            for (int s = 0; s < T; s++) {
                                int k = s - first;
                                for (int h = 0; h < 4; h++) {
                                    float expected = k >= 0 && k < TOKENS[row].length ? want[k * 4 + h] : 0f;
                                    assertClose(expected, r.outputs().getFirst()[(row * T + s) * 4 + h], mode + " backwards=" + backwards + " pre=" + pre + " row " + row + " step " + s);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void kerasSemanticsReadTheWholeAxisAndFillMaskedSteps() {
        for (MaskSemantics semantics : new MaskSemantics[] {MaskSemantics.KERAS_REPEAT_OUTPUT, MaskSemantics.KERAS_ZERO_OUTPUT}) {
            for (boolean backwards : new boolean[] {false, true}) {
                Recurrent seq = Layers.gru(4).returnSequences(true).returnState(true).goBackwards(backwards).maskSemantics(semantics);
                Node in = Input.tokens(-1);
                Node emb = Layers.embedding(10, 3).maskZero(true).apply(in);
                List<Node> outs = seq.apply(List.of(emb));
                try (Model model = Model.functional(List.of(in), outs)) {
                    model.build(backend, 9);
                    for (boolean pre : new boolean[] {false, true}) {
                        Run r = run(model, padded(TOKENS, pre));
                        assertEquals(pre ? SequenceMask.Padding.PRE : SequenceMask.Padding.POST, r.mask().padding(), "the output keeps the input's mask");
                        for (int row = 0; row < TOKENS.length; row++) {
                            float[] want = alone(model, TOKENS[row]);
                            int len = TOKENS[row].length;
                            boolean readPre = pre != backwards; // reading a row backwards moves its padding to the other side
                            float[] expected = new float[T * 4];
                            float[] previous = new float[4];
                            int k = 0;
                            for (int s = 0; s < T; s++) {
                                boolean valid = readPre ? s >= T - len : s < len;
                                if (valid) previous = Arrays.copyOfRange(want, 4 * k, 4 * ++k);
                                float[] at = valid || semantics == MaskSemantics.KERAS_REPEAT_OUTPUT ? previous : new float[4];
                                System.arraycopy(at, 0, expected, 4 * s, 4);
                            }
                            for (int i = 0; i < T * 4; i++) {
                                assertClose(expected[i], r.outputs().get(0)[row * T * 4 + i], semantics + " backwards=" + backwards + " pre=" + pre + " row " + row + " [" + i + "]");
                            }
                            for (int h = 0; h < 4; h++) {
                                assertClose(want[(len - 1) * 4 + h], r.outputs().get(1)[row * 4 + h], "final state of row " + row);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void kerasLastOutputIsTheLastStepRead() {
        // return_sequences=False: KERAS_REPEAT_OUTPUT gives the last valid output, KERAS_ZERO_OUTPUT zeros for a row whose last step is padding
        for (MaskSemantics semantics : new MaskSemantics[] {MaskSemantics.KERAS_REPEAT_OUTPUT, MaskSemantics.KERAS_ZERO_OUTPUT}) {
            try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true), Layers.lstm(4).maskSemantics(semantics))) {
                model.build(backend, 2);
                float[] post = run(model, padded(TOKENS, false)).outputs().getFirst();
                float[] pre = run(model, padded(TOKENS, true)).outputs().getFirst();
                for (int row = 0; row < TOKENS.length; row++) {
                    float[] want = alone(model, TOKENS[row]);
                    boolean zero = semantics == MaskSemantics.KERAS_ZERO_OUTPUT && TOKENS[row].length < T;
                    for (int h = 0; h < 4; h++) {
                        assertClose(zero ? 0f : want[h], post[row * 4 + h], semantics + " post row " + row);
                        assertClose(want[h], pre[row * 4 + h], semantics + " pre row " + row);
                    }
                }
            }
        }
    }

    @Test
    void maskInputFalseReadsPaddingButKeepsTheMask() {
        try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true), Layers.simpleRnn(4, "tanh").returnSequences(true).maskInput(false))) {
            model.build(backend, 4);
            Run r = run(model, padded(TOKENS, false));
            assertEquals(SequenceMask.post(new int[] {6, 3, 1, 4}), r.mask());
            for (int row = 0; row < TOKENS.length; row++) {
                int[] full = new int[T];
                System.arraycopy(TOKENS[row], 0, full, 0, TOKENS[row].length);
                float[] want = alone(model, full);
                for (int i = 0; i < T * 4; i++) assertClose(want[i], r.outputs().getFirst()[row * T * 4 + i], "row " + row);
            }
        }
    }

    @Test
    void bidirectionalAndPoolingAgreeAcrossPaddingSides() {
        try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true),
                Layers.bidirectional(Layers.lstm(3).returnSequences(true), "concat"), Layers.globalAveragePooling1D())) {
            model.build(backend, 6);
            float[] post = run(model, padded(TOKENS, false)).outputs().getFirst();
            float[] pre = run(model, padded(TOKENS, true)).outputs().getFirst();
            for (int row = 0; row < TOKENS.length; row++) {
                float[] want = alone(model, TOKENS[row]);
                for (int i = 0; i < 6; i++) {
                    assertClose(want[i], post[row * 6 + i], "post row " + row);
                    assertClose(want[i], pre[row * 6 + i], "pre row " + row);
                }
            }
        }
    }

    @Test
    void gradientsThroughPrePaddedAndKerasMaskedLayers() {
        Tensor pre = padded(new int[][] {{3, 1, 4}, {2, 6, 5, 3, 5, 8}, {7}}, true);
        Tensor post = padded(new int[][] {{3, 1, 4}, {2, 6, 5, 3, 5, 8}, {7}}, false);
        List<Model> models = List.of(
                Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true), Layers.lstm(3).returnSequences(true).goBackwards(true), Layers.dense(2)),
                Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true), Layers.bidirectional(Layers.gru(3).returnSequences(true), "sum"),
                        Layers.globalAveragePooling1D()),
                Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true),
                        Layers.gru(3).returnSequences(true).goBackwards(true).maskSemantics(MaskSemantics.KERAS_REPEAT_OUTPUT), Layers.dense(2)),
                Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true), Layers.simpleRnn(3, "tanh").maskSemantics(MaskSemantics.KERAS_ZERO_OUTPUT)));
        int i = 0;
        for (Model model : models) {
            model.build(backend, 3);
            Tensor x = i++ % 2 == 0 ? pre : post;
            new GradCheck(backend).check((tape, in) -> model.call(tape, tape.constant(x)), List.of(), model.parameters(), 11);
            new GradCheck(backend).check((tape, in) -> model.call(tape, tape.constant(x == pre ? post : pre)), List.of(), model.parameters(), 12);
            model.close();
        }
    }

    @Test
    void masksWithHolesOrMixedSidesAreRejected() {
        try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(10, 3).maskZero(true), Layers.lstm(2))) {
            model.build(backend, 1);
            assertMessage(model, new int[] {1, 0, 2, 0, 0, 0}, "has padding at step 1 between data at steps 0 and 2");
            assertMessage(model, new int[] {0, 1, 2, 0, 0, 0}, "padded on both sides");
            int[] mixed = {1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(model, scope.fromIntArray(mixed, 2, T)));
            assertTrue(e.getMessage().contains("row 0 is padded after its data and row 1 before it"), e.getMessage());
        }
    }

    private void assertMessage(Model model, int[] row, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(model, scope.fromIntArray(row, 1, T)));
        assertTrue(e.getMessage().contains(part) && e.getMessage().contains("mask_zero"), e.getMessage());
    }

    @Test
    void maskingZeroesMaskedStepsAndFindsTheSide() {
        float m = -1f;
        float[] v = {m, m, m, m, 0.5f, 2f, m, m, 3f, 4f, 5f, 6f};
        try (Model model = Sequential.of(Input.floats(3, 2), Layers.masking(m))) {
            model.build(backend, 1);
            try (GradientTape tape = model.tape(false)) {
                Variable out = model.call(tape, tape.constant(scope.fromArray(v, 2, 3, 2)));
                assertEquals(new SequenceMask(new int[] {1, 2}, SequenceMask.Padding.PRE), out.mask());
                assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 0.5f, 2f, 0f, 0f, 3f, 4f, 5f, 6f}, HostData.floats(backend, out.value()), 0f);
            }
        }
    }

    @Test
    void concatenationKeepsAMaskOnlyWhenEveryInputHasOne() {
        Node in = Input.tokens(-1);
        Node masked = Layers.embedding(10, 2).maskZero(true).apply(in);
        Node plain = Layers.embedding(10, 2).apply(in);
        Node both = Layers.concatenate().apply(List.of(masked, masked)).getFirst();
        Node mixed = Layers.concatenate().apply(List.of(masked, plain)).getFirst();
        try (Model model = Model.functional(List.of(in), List.of(both, mixed))) {
            model.build(backend, 1);
            try (GradientTape tape = model.tape(false)) {
                List<Variable> out = model.call(tape, List.of(tape.constant(padded(TOKENS, true))));
                assertEquals(new SequenceMask(new int[] {6, 3, 1, 4}, SequenceMask.Padding.PRE), out.get(0).mask());
                assertNull(out.get(1).mask(), "Keras: a step is valid when any input has it valid; an unmasked input makes all valid");
            }
        }
    }

    private static void assertClose(float expected, float actual, String what) {
        if (!(Math.abs(expected - actual) <= 1e-6f + 1e-5f * Math.abs(expected))) fail(what + ": expected " + expected + ", got " + actual);
    }
}
