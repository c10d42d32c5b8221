package dev.rnn4j.examples;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Node;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.generate.BeamSearch;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.GatherOps;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence-to-sequence model with Luong attention, in three models over one set of weights:
 * <ul>
 * <li>{@link #training}: [source ids, decoder input ids] → next-token logits, trained with teacher forcing.
 *     Embedding(mask_zero) → Bidirectional(LSTM, states returned) encodes the source; the decoder LSTM starts
 *     from the two directions' final states joined, reads the target shifted right, and at every step Luong's
 *     "general" attention scores the encoder outputs against its output; the context and the decoder output go
 *     through Dense(tanh) (Luong's attentional state) and Dense(vocabulary);</li>
 * <li>{@link #encoder}: a model from the source to the encoder outputs and the decoder's initial states (a
 *     model made of nodes of the training graph);</li>
 * <li>{@link #step}: one decoder step, a model whose inputs are inner nodes of the training graph (the initial
 *     states and the encoder outputs) plus the decoder input: [token, h, c, encoder outputs] → [logits, h', c',
 *     attention weights]. Decoding feeds it one token at a time and carries h and c.</li>
 * </ul>
 */
final class EncoderDecoder implements AutoCloseable {

    final Model training;
    final Model encoder;
    final Model step;

    EncoderDecoder(Backend backend, int embedding, int units, long seed) {
        Node source = new Input("source", DType.INT32, new long[] {-1}).node();
        Node target = new Input("decoder_input", DType.INT32, new long[] {-1}).node();
        List<Node> encoded = Layers.bidirectional(Layers.lstm(units).returnSequences(true).returnState(true), "concat")
                .apply(List.of(Layers.embedding(ReversalTask.VOCABULARY, embedding).maskZero(true).apply(source)));
        Node h0 = Layers.concatenate().apply(List.of(encoded.get(1), encoded.get(3))).getFirst();
        Node c0 = Layers.concatenate().apply(List.of(encoded.get(2), encoded.get(4))).getFirst();
        Node decoderEmbedded = Layers.embedding(ReversalTask.VOCABULARY, embedding).maskZero(true).apply(target);
        List<Node> decoded = Layers.lstm(2 * units).returnSequences(true).returnState(true).apply(List.of(decoderEmbedded, h0, c0));
        List<Node> attended = Layers.generalAttention().apply(List.of(decoded.get(0), encoded.get(0)));
        Node attentional = Layers.dense(2 * units, "tanh").apply(Layers.concatenate().apply(List.of(attended.get(0), decoded.get(0))).getFirst());
        Node logits = Layers.dense(ReversalTask.VOCABULARY).apply(attentional);
        training = Model.functional(List.of(source, target), List.of(logits)).build(backend, seed);
        encoder = Model.functional(List.of(source), List.of(encoded.get(0), h0, c0)).build(backend, seed);
        step = Model.functional(List.of(target, h0, c0, encoded.get(0)), List.of(logits, decoded.get(1), decoded.get(2), attended.get(1))).build(backend, seed);
    }

    /**
     * The decoder's carried state for a batch of sources on one inference tape: h, c and the encoder outputs (with
     * their mask), one row per hypothesis. {@link #step(int[])} runs one decoder step; {@link #select} keeps rows.
     */
    final class Decoding implements BeamSearch.Decoder {

        private final GradientTape tape;
        private Variable h;
        private Variable c;
        private Variable values;
        private float[] lastWeights;

        Decoding(GradientTape tape, Tensor sourceIds) {
            this.tape = tape;
            List<Variable> enc = encoder.call(tape, List.of(tape.constant(sourceIds)));
            values = enc.get(0);
            h = enc.get(1);
            c = enc.get(2);
        }

        /** Log-probabilities of the next token after each row's {@code lastTokens}, [rows][vocabulary]; carries h and c on. */
        @Override
        public float[][] step(int[] lastTokens) {
            Tensor tokens = tape.scope().fromIntArray(lastTokens, lastTokens.length, 1);
            List<Variable> out = step.call(tape, List.of(tape.constant(tokens), h, c, values));
            h = out.get(1);
            c = out.get(2);
            lastWeights = HostData.floats(tape.backend(), out.get(3).value());
            float[] logits = HostData.floats(tape.backend(), out.get(0).value());
            int v = ReversalTask.VOCABULARY;
            float[][] logProbs = new float[lastTokens.length][v];
            for (int r = 0; r < lastTokens.length; r++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int k = 0; k < v; k++) max = Math.max(max, logits[r * v + k]);
                for (int k = 0; k < v; k++) sum += Math.exp(logits[r * v + k] - max);
                double logSum = max + Math.log(sum);
                for (int k = 0; k < v; k++) logProbs[r][k] = (float) (logits[r * v + k] - logSum);
            }
            return logProbs;
        }

        @Override
        public void select(int[] rows) {
            int t = (int) values.dim(1), width = (int) values.dim(2), units = (int) h.dim(1);
            SequenceMask mask = values.mask();
            int[] lengths = mask.lengths();
            int[] kept = new int[rows.length];
            int[] valueRows = new int[rows.length * t];
            for (int i = 0; i < rows.length; i++) {
                kept[i] = lengths[rows[i]];
                for (int s = 0; s < t; s++) valueRows[i * t + s] = rows[i] * t + s;
            }
            h = GatherOps.rows(tape, h, rows, null, rows.length, units);
            c = GatherOps.rows(tape, c, rows, null, rows.length, units);
            values = GatherOps.rows(tape, values, valueRows, new SequenceMask(kept, mask.padding()), rows.length, t, width);
        }

        /** The attention weights of the last step, [rows][source steps]. */
        float[][] lastWeights() {
            int rows = (int) h.dim(0), t = (int) values.dim(1);
            float[][] w = new float[rows][t];
            for (int r = 0; r < rows; r++) System.arraycopy(lastWeights, r * t, w[r], 0, t);
            return w;
        }
    }

    /** Greedy decoding of every row of {@code sourceIds} [N, T] at once, at most {@code maxLength} tokens each. */
    List<int[]> greedy(Tensor sourceIds, int maxLength) {
        int n = (int) sourceIds.dim(0);
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ArrayList<>());
        boolean[] done = new boolean[n];
        try (GradientTape tape = training.tape(false)) {
            Decoding decoding = new Decoding(tape, sourceIds);
            int[] last = new int[n];
            java.util.Arrays.fill(last, ReversalTask.START);
            for (int s = 0; s < maxLength; s++) {
                float[][] logProbs = decoding.step(last);
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    last[i] = argmax(logProbs[i]);
                    if (!done[i]) out.get(i).add(last[i]);
                    done[i] |= last[i] == ReversalTask.END;
                    all &= done[i];
                }
                if (all) break;
            }
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    /** Beam search for one source [1, T]; the best hypothesis's tokens. */
    int[] beam(Tensor sourceIds, int beamWidth, int maxLength) {
        try (GradientTape tape = training.tape(false)) {
            return BeamSearch.search(new Decoding(tape, sourceIds), ReversalTask.START, ReversalTask.END, beamWidth, maxLength).getFirst().tokens();
        }
    }

    /** Greedy decoding of one source [1, T] that keeps the attention weights of every output step: [output steps][source steps]. */
    float[][] attention(Tensor sourceIds, int maxLength) {
        List<float[]> rows = new ArrayList<>();
        try (GradientTape tape = training.tape(false)) {
            Decoding decoding = new Decoding(tape, sourceIds);
            int last = ReversalTask.START;
            for (int s = 0; s < maxLength && last != ReversalTask.END; s++) {
                last = argmax(decoding.step(new int[] {last})[0]);
                rows.add(decoding.lastWeights()[0]);
            }
        }
        return rows.toArray(float[][]::new);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }

    @Override
    public void close() {
        step.close();
        encoder.close();
        training.close();
    }
}
