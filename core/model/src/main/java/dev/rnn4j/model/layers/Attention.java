package dev.rnn4j.model.layers;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;
import dev.rnn4j.model.ops.GatherOps;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.ops.LinearOps;
import dev.rnn4j.model.ops.ShapeOps;

import java.util.List;
import java.util.Map;

/**
 * Attention of queries over RNN outputs. Inputs [query, values [B, Tv, H] (masked steps get no weight)], the
 * query one vector [B, Hq] (a classifier's last state) or a sequence [B, Tq, Hq] (a decoder's outputs, one
 * query per step, as in Keras' Attention layer); outputs [context, weights]: [B, H] and [B, Tv] for one query,
 * [B, Tq, H] and [B, Tq, Tv] for a sequence (both carrying the query's mask). The weights are an output so
 * callers can plot them ({@link #lastWeights()} also keeps a host copy of the last call's). Scores:
 * <ul>
 * <li>Luong dot: {@code q · v_t} (needs Hq = H);</li>
 * <li>Luong general: {@code (W q) · v_t}, parameter "weight" [H, Hq];</li>
 * <li>Bahdanau additive: {@code uᵀ tanh(W1 v_t + W2 q)}, parameters "values_weight" [units, H], "query_weight"
 * [units, Hq], "score_weight" [1, units].</li>
 * </ul>
 */
public final class Attention extends AbstractLayer {

    public enum Score { DOT, GENERAL, ADDITIVE }

    private static final float MASKED = -1e9f;
    private final Score score;
    private final int units;
    private Parameter weight;
    private Parameter valuesWeight;
    private Parameter queryWeight;
    private Parameter scoreWeight;
    private float[] lastWeights;

    /** {@code units} is the additive score's hidden width (ignored for dot and general). */
    public Attention(Score score, int units) {
        super("attention");
        this.score = java.util.Objects.requireNonNull(score, "score");
        if (score == Score.ADDITIVE && units < 1) throw new IllegalArgumentException("additive attention needs units >= 1, got " + units);
        this.units = units;
    }

    @Override
    public String type() {
        return "Attention";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("score", score.name(), "units", units);
    }

    static Attention fromConfig(Map<String, Object> c) {
        String score = Configs.s(c, "score");
        for (Score s : Score.values()) if (s.name().equals(score)) return new Attention(s, Configs.i(c, "units"));
        throw new IllegalArgumentException("unknown attention score '" + score + "' (" + java.util.Arrays.toString(Score.values()) + ")");
    }

    @Override
    public int outputCount() {
        return 2;
    }

    @Override
    protected int minInputs() {
        return 2;
    }

    @Override
    protected int maxInputs() {
        return 2;
    }

    /** Row-major weights of the last call ([B, Tv] or [B, Tq, Tv]; a host copy), or null. */
    public float[] lastWeights() {
        return lastWeights == null ? null : lastWeights.clone();
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        List<long[]> out = outputShapesFor(in);
        int hq = (int) features(in.get(0));
        int h = (int) features(in.get(1));
        var rng = ctx.random(name());
        switch (score) {
            case GENERAL -> weight = addParameter(ctx, "weight", () -> Init.glorotUniform(rng, h, hq), h, hq);
            case ADDITIVE -> {
                valuesWeight = addParameter(ctx, "values_weight", () -> Init.glorotUniform(rng, units, h), units, h);
                queryWeight = addParameter(ctx, "query_weight", () -> Init.glorotUniform(rng, units, hq), units, hq);
                scoreWeight = addParameter(ctx, "score_weight", () -> Init.glorotUniform(rng, 1, units), 1, units);
            }
            default -> {
            }
        }
        return out;
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        long[] q = in.get(0), v = in.get(1);
        if (q.length != 1 && q.length != 2) {
            throw new IllegalArgumentException("layer " + name() + " expects a query [batch, hidden] or [batch, time, hidden], got rank " + (q.length + 1));
        }
        requireRank(v, 2, "values [batch, time, hidden]");
        long hq = features(q), h = features(v);
        if (score == Score.DOT && hq != h) throw new IllegalArgumentException("dot attention needs query width " + hq + " = values width " + h);
        if (weight != null) {
            features(q, weight.shape()[1]);
            features(v, weight.shape()[0]);
        }
        if (queryWeight != null) {
            features(q, queryWeight.shape()[1]);
            features(v, valuesWeight.shape()[1]);
        }
        return q.length == 1 ? List.of(new long[] {h}, new long[] {v[0]}) : List.of(new long[] {q[0], h}, new long[] {q[0], v[0]});
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable query = inputs.get(0), values = inputs.get(1);
        if (query.rank() != 2 && query.rank() != 3) {
            throw new IllegalArgumentException("layer " + name() + " expects a query [batch, hidden] or [batch, time, hidden], got " + query.value().describe());
        }
        requireRank(values, 3, "values [batch, time, hidden]");
        int b = (int) values.dim(0), tv = (int) values.dim(1), h = (int) values.dim(2);
        boolean single = query.rank() == 2;
        int tq = single ? 1 : (int) query.dim(1);
        if (query.dim(0) != b) throw new IllegalArgumentException("attention: query batch " + query.dim(0) + " differs from values batch " + b);
        Variable q3 = single ? ElementwiseOps.reshape(tape, query, null, b, 1, query.dim(1)) : query;
        Variable scores = switch (score) {
            case DOT, GENERAL -> ShapeOps.batchedMatmul(tape, score == Score.GENERAL ? LinearOps.linear(tape, q3, tape.param(weight), null) : q3, values, true);
            case ADDITIVE -> additiveScores(tape, q3, values, b, tq, tv);
        };
        dev.rnn4j.model.SequenceMask mask = values.mask();
        if (mask != null) {
            float[] bias = new float[b * tq * tv];
            for (int i = 0; i < bias.length; i++) bias[i] = mask.valid(i / (tq * tv), i % tv, tv) ? 0f : MASKED;
            scores = ElementwiseOps.combine(tape, BinaryOp.ADD, scores, tape.constant(HostData.upload(tape, bias, b, tq, tv)), 1f);
        }
        Variable weights = ElementwiseOps.softmax(tape, scores);
        lastWeights = HostData.floats(tape.backend(), weights.value());
        Variable context = ShapeOps.batchedMatmul(tape, weights, values, false);
        if (single) return List.of(ElementwiseOps.reshape(tape, context, null, b, h), ElementwiseOps.reshape(tape, weights, null, b, tv));
        dev.rnn4j.model.SequenceMask queryMask = query.mask();
        return List.of(ElementwiseOps.reshape(tape, context, queryMask, b, tq, h), ElementwiseOps.reshape(tape, weights, queryMask, b, tq, tv));
    }

    /** uᵀ tanh(W1 v_j + W2 q_i) for every (query i, value j): [B, Tq, Tv], both projections gathered to [B, Tq, Tv, units]. */
    private Variable additiveScores(GradientTape tape, Variable q3, Variable values, int b, int tq, int tv) {
        Variable keys = LinearOps.linear(tape, values, tape.param(valuesWeight), null);
        Variable q = LinearOps.linear(tape, q3, tape.param(queryWeight), null);
        int[] keyRows = new int[b * tq * tv];
        int[] queryRows = new int[keyRows.length];
        for (int i = 0; i < keyRows.length; i++) {
            int batch = i / (tq * tv), step = i / tv % tq, value = i % tv;
            keyRows[i] = batch * tv + value;
            queryRows[i] = batch * tq + step;
        }
        Variable keysOver = GatherOps.rows(tape, keys, keyRows, null, b, tq, tv, units);
        Variable queriesOver = GatherOps.rows(tape, q, queryRows, null, b, tq, tv, units);
        Variable hidden = ElementwiseOps.activation(tape, ElementwiseOps.combine(tape, BinaryOp.ADD, keysOver, queriesOver, 1f), Activation.TANH);
        return ElementwiseOps.reshape(tape, LinearOps.linear(tape, hidden, tape.param(scoreWeight), null), null, b, tq, tv);
    }
}
