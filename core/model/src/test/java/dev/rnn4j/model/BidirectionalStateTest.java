package dev.rnn4j.model;

import dev.rnn4j.backend.Backends;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.layers.Bidirectional;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Bidirectional with returnState: Keras' outputs [output, forward_h, (forward_c,) backward_h, (backward_c)],
 * their values against the wrapped layers run alone, and finite-difference gradients flowing in through every state.
 */
class BidirectionalStateTest {

    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void outputsAreMergedOutputThenForwardThenBackwardStates() {
        Bidirectional lstm = Layers.bidirectional(Layers.lstm(3).returnState(true), "concat");
        assertEquals(5, lstm.outputCount());
        Bidirectional gru = Layers.bidirectional(Layers.gru(3).returnSequences(true).returnState(true), "sum");
        assertEquals(3, gru.outputCount());
        Bidirectional mixed = Layers.bidirectional(Layers.lstm(3).returnState(true), Layers.gru(2).returnState(true).goBackwards(true), "concat");
        assertEquals(4, mixed.outputCount());
        Node in = Input.floats(4, 2);
        List<Node> outs = mixed.apply(List.of(in));
        try (Model model = Model.functional(List.of(in), outs).build(backend, 5)) {
            List<long[]> shapes = model.outputShapes();
            assertEquals(List.of("[5]", "[3]", "[3]", "[2]"), shapes.stream().map(Arrays::toString).toList());
        }
        assertThrows(IllegalArgumentException.class, () -> Layers.bidirectional(Layers.lstm(3).returnState(true), Layers.lstm(3).goBackwards(true), "concat"));
    }

    /** Without returnSequences the merged output of LSTM/GRU is [forward h, backward h]: the states must equal its halves. */
    @Test
    void statesEqualTheHalvesOfTheLastOutputsWithMask() {
        int[] ids = {3, 1, 4, 0, 0, 2, 7, 1, 8, 2, 5, 6, 0, 0, 0};
        Tensor x = scope.fromIntArray(ids, 3, 5);
        Node in = Input.tokens(-1);
        Node emb = Layers.embedding(9, 3).maskZero(true).apply(in);
        List<Node> outs = Layers.bidirectional(Layers.lstm(4).returnState(true), "concat").apply(List.of(emb));
        try (Model model = Model.functional(List.of(in), outs).build(backend, 2); GradientTape tape = model.tape(false)) {
            List<Variable> v = model.call(tape, List.of(tape.constant(x)));
            float[] merged = HostData.floats(backend, v.get(0).value());
            float[] fh = HostData.floats(backend, v.get(1).value()), bh = HostData.floats(backend, v.get(3).value());
            for (int b = 0; b < 3; b++) {
                assertArrayEquals(Arrays.copyOfRange(fh, b * 4, b * 4 + 4), Arrays.copyOfRange(merged, b * 8, b * 8 + 4), 0f, "forward h, row " + b);
                assertArrayEquals(Arrays.copyOfRange(bh, b * 4, b * 4 + 4), Arrays.copyOfRange(merged, b * 8 + 4, b * 8 + 8), 0f, "backward h, row " + b);
            }
        }
    }

    /** Gradients entering through the sequence output and every state (LSTM h and c, GRU h), with a mask. */
    @Test
    void gradientsThroughEveryState() {
        int[] ids = {3, 1, 4, 0, 0, 2, 7, 1, 8, 2, 5, 6, 0, 0, 0};
        Tensor tokens = scope.fromIntArray(ids, 3, 5);
        for (var layer : List.of(Layers.lstm(3), Layers.gru(3))) {
            Node in = Input.tokens(-1);
            Node emb = Layers.embedding(9, 2).maskZero(true).apply(in);
            List<Node> outs = Layers.bidirectional(layer.returnSequences(true).returnState(true), "ave").apply(List.of(emb));
            List<Node> pieces = new ArrayList<>(List.of(Layers.globalAveragePooling1D().apply(outs.getFirst())));
            pieces.addAll(outs.subList(1, outs.size()));
            Node out = Layers.dense(2).apply(Layers.concatenate().apply(pieces).getFirst());
            try (Model model = Model.functional(in, out).build(backend, 8)) {
                new GradCheck(backend).check((tape, v) -> model.call(tape, tape.constant(tokens)), List.of(), model.parameters(), 13);
            }
        }
        Tensor x = GradCheck.uniform(scope, 4, 2, 4, 3);
        Node in = Input.floats(4, 3);
        List<Node> outs = Layers.bidirectional(Layers.lstm(3).returnState(true), Layers.simpleRnn(2, "tanh").returnState(true).goBackwards(true), "concat")
                .apply(List.of(in));
        try (Model model = Model.functional(in, Layers.concatenate().apply(outs).getFirst()).build(backend, 9)) {
            new GradCheck(backend).check((tape, v) -> model.call(tape, v.getFirst()), List.of(x), model.parameters(), 17);
        }
    }
}
