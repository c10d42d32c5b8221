package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.layers.Attention;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attention with a sequence of queries (a decoder's outputs over an encoder's, Luong style): finite differences
 * for the three scores with masked queries and values; each query step computes what the one-query layer
 * computes for that step; the query's mask carries over; shapes and bad input.
 */
class AttentionSequenceTest {

    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    /** Encoder ids [3, 5] and decoder ids [3, 4] (0 = padding) → a seq2seq-shaped model through the attention layer. */
    private static Model seq2seq(Attention attention) {
        Node source = Input.tokens(-1), target = Input.tokens(-1);
        List<Node> encoder = Layers.lstm(4).returnSequences(true).returnState(true).apply(List.of(Layers.embedding(9, 3).maskZero(true).apply(source)));
        Node decoder = Layers.lstm(4).returnSequences(true)
                .apply(List.of(Layers.embedding(9, 3).maskZero(true).apply(target), encoder.get(1), encoder.get(2))).getFirst();
        List<Node> att = attention.apply(List.of(decoder, encoder.get(0)));
        Node logits = Layers.dense(5).apply(Layers.concatenate().apply(List.of(att.get(0), decoder)).getFirst());
        return Model.functional(List.of(source, target), List.of(logits, att.get(1)));
    }

    private Tensor source() {
        return scope.fromIntArray(new int[] {3, 1, 4, 1, 5, 2, 7, 0, 0, 0, 8, 2, 8, 1, 0}, 3, 5);
    }

    private Tensor target() {
        return scope.fromIntArray(new int[] {1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 2, 0}, 3, 4);
    }

    @Test
    void finiteDifferencesForEveryScoreWithMaskedQueriesAndValues() {
        for (Attention attention : List.of(Layers.dotAttention(), Layers.generalAttention(), Layers.additiveAttention(3))) {
            try (Model model = seq2seq(attention).build(backend, 5)) {
                new GradCheck(backend).check((tape, in) -> model.call(tape, List.of(tape.constant(source()), tape.constant(target()))).getFirst(),
                        List.of(), model.parameters(), 9);
            }
        }
    }

    /** Every query step's context and weights equal the one-query layer's on that step's query (same weights). */
    @Test
    void eachStepOfASequenceQueryIsAOneQueryAttention() {
        for (Attention attention : List.of(Layers.dotAttention(), Layers.generalAttention(), Layers.additiveAttention(3))) {
            Node q = Input.floats(-1, 4), v = Input.floats(-1, 4), q1 = Input.floats(4);
            List<Node> seq = attention.apply(List.of(q, v));
            List<Node> one = attention.apply(List.of(q1, v));
            assertArrayEquals(new long[] {-1, 4}, seq.get(0).shape() == null ? new long[] {-1, 4} : seq.get(0).shape());
            try (Model model = Model.functional(List.of(q, v, q1), List.of(seq.get(0), seq.get(1), one.get(0), one.get(1))).build(backend, 2);
                 GradientTape tape = model.tape(false)) {
                assertArrayEquals(new long[] {-1, -1}, model.outputShapes().get(1));
                assertArrayEquals(new long[] {-1}, model.outputShapes().get(3));
                Tensor queries = GradCheck.uniform(scope, 1, 2, 3, 4), values = GradCheck.uniform(scope, 2, 2, 6, 4);
                int[] valueLengths = {6, 4};
                float[] qs = queries.toFloatArray();
                Variable vv = tape.constant(values, valueLengths);
                List<Variable> all = model.call(tape, List.of(tape.constant(queries, new int[] {3, 2}), vv, tape.constant(scope.zeros(2, 4))));
                assertArrayEquals(new int[] {3, 2}, all.get(0).seqLengths(), "the context carries the query's mask");
                float[] context = HostData.floats(backend, all.get(0).value()), weights = HostData.floats(backend, all.get(1).value());
                for (int s = 0; s < 3; s++) {
                    float[] step = new float[2 * 4];
                    for (int b = 0; b < 2; b++) System.arraycopy(qs, (b * 3 + s) * 4, step, b * 4, 4);
                    List<Variable> single = model.call(tape, List.of(tape.constant(queries, new int[] {3, 2}), vv, tape.constant(scope.fromArray(step, 2, 4))));
                    float[] c1 = HostData.floats(backend, single.get(2).value()), w1 = HostData.floats(backend, single.get(3).value());
                    for (int b = 0; b < 2; b++) {
                        for (int h = 0; h < 4; h++) assertEquals(c1[b * 4 + h], context[(b * 3 + s) * 4 + h], 1e-6f, attention.type() + " context");
                        for (int t = 0; t < 6; t++) {
                            assertEquals(w1[b * 6 + t], weights[(b * 3 + s) * 6 + t], 1e-6f, "weights");
                            if (t >= valueLengths[b]) assertEquals(0f, weights[(b * 3 + s) * 6 + t], 1e-7f, "masked values get no weight");
                        }
                    }
                }
            }
        }
    }

    @Test
    void badQueriesAreRejected() {
        Node q = Input.floats(2, 3, 4), v = Input.floats(5, 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(List.of(q, v), Layers.dotAttention().apply(List.of(q, v))).build(backend, 1))
                .getMessage().contains("a query [batch, hidden] or [batch, time, hidden]"));
        Node q2 = Input.floats(3, 5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(List.of(q2, v), Layers.dotAttention().apply(List.of(q2, v))).build(backend, 1))
                .getMessage().contains("dot attention needs query width 5 = values width 4"));
        Attention general = Layers.generalAttention();
        Node qa = Input.floats(3, 4), qb = Input.floats(3, 6);
        List<Node> first = general.apply(List.of(qa, v));
        List<Node> second = general.apply(List.of(qb, v));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(List.of(qa, qb, v), List.of(first.get(0), second.get(0))).build(backend, 1))
                .getMessage().contains("was built for 4 input features"));
        assertEquals(2, first.size());
    }
}
