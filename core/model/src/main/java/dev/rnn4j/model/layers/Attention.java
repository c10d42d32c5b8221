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
 * Attention of a query over RNN outputs. Inputs [query [B, H], values [B, T, H] (masked steps get no weight)];
 * outputs [context [B, H], weights [B, T]] — the weights are an output so callers can plot them
 * ({@link #lastWeights()} also keeps a host copy of the last call's). Scores:
 * <ul>
 * <li>Luong dot: {@code q · v_t};</li>
 * <li>Luong general: {@code (W q) · v_t}, parameter "weight" [H, H];</li>
 * <li>Bahdanau additive: {@code uᵀ tanh(W1 v_t + W2 q)}, parameters "values_weight" [units, H], "query_weight"
 * [units, H], "score_weight" [1, units].</li>
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
        return new Attention(Score.valueOf(Configs.s(c, "score")), Configs.i(c, "units"));
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

    /** Row-major [B, T] weights of the last call (host copy), or null. */
    public float[] lastWeights() {
        return lastWeights == null ? null : lastWeights.clone();
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        long[] q = in.get(0), v = in.get(1);
        requireRank(q, 1, "a query [batch, hidden]");
        requireRank(v, 2, "values [batch, time, hidden]");
        int h = (int) features(v);
        if (q[0] != h && score == Score.DOT) throw new IllegalArgumentException("dot attention needs query width " + q[0] + " = values width " + h);
        var rng = ctx.random(name());
        switch (score) {
            case GENERAL -> weight = addParameter(ctx, "weight", Init.glorotUniform(rng, h, (int) q[0]), h, q[0]);
            case ADDITIVE -> {
                valuesWeight = addParameter(ctx, "values_weight", Init.glorotUniform(rng, units, h), units, h);
                queryWeight = addParameter(ctx, "query_weight", Init.glorotUniform(rng, units, (int) q[0]), units, q[0]);
                scoreWeight = addParameter(ctx, "score_weight", Init.glorotUniform(rng, 1, units), 1, units);
            }
            default -> {
            }
        }
        return List.of(new long[] {h}, new long[] {v[0]});
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable query = inputs.get(0), values = inputs.get(1);
        requireRank(query, 2, "a query [batch, hidden]");
        requireRank(values, 3, "values [batch, time, hidden]");
        int b = (int) values.dim(0), t = (int) values.dim(1), h = (int) values.dim(2);
        if (query.dim(0) != b) throw new IllegalArgumentException("attention: query batch " + query.dim(0) + " differs from values batch " + b);
        Variable scores = switch (score) {
            case DOT, GENERAL -> {
                Variable q = score == Score.GENERAL ? LinearOps.linear(tape, query, tape.param(weight), null) : query;
                Variable q3 = ElementwiseOps.reshape(tape, q, null, b, 1, h);
                Variable s = ShapeOps.batchedMatmul(tape, q3, values, true);
                yield ElementwiseOps.reshape(tape, s, null, b, t);
            }
            case ADDITIVE -> {
                Variable keys = LinearOps.linear(tape, values, tape.param(valuesWeight), null);
                Variable q = LinearOps.linear(tape, query, tape.param(queryWeight), null);
                int[] rows = new int[b * t];
                for (int i = 0; i < rows.length; i++) rows[i] = i / t;
                Variable qOverTime = GatherOps.rows(tape, q, rows, null, b, t, units);
                Variable hidden = ElementwiseOps.activation(tape, ElementwiseOps.combine(tape, BinaryOp.ADD, keys, qOverTime, 1f), Activation.TANH);
                Variable s = LinearOps.linear(tape, hidden, tape.param(scoreWeight), null);
                yield ElementwiseOps.reshape(tape, s, null, b, t);
            }
        };
        dev.rnn4j.model.SequenceMask mask = values.mask();
        if (mask != null) {
            float[] bias = new float[b * t];
            for (int i = 0; i < bias.length; i++) bias[i] = mask.valid(i / t, i % t, t) ? 0f : MASKED;
            scores = ElementwiseOps.combine(tape, BinaryOp.ADD, scores, tape.constant(HostData.upload(tape, bias, b, t)), 1f);
        }
        Variable weights = ElementwiseOps.softmax(tape, scores);
        lastWeights = HostData.floats(tape.backend(), weights.value());
        Variable w3 = ElementwiseOps.reshape(tape, weights, null, b, 1, t);
        Variable context = ElementwiseOps.reshape(tape, ShapeOps.batchedMatmul(tape, w3, values, false), null, b, h);
        return List.of(context, weights);
    }
}
