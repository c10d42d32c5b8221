package dev.rnn4j.model.layers;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;
import dev.rnn4j.model.ops.GatherOps;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.ops.LinearOps;
import dev.rnn4j.model.ops.ShapeOps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code Attention} (Luong) and {@code AdditiveAttention} (Bahdanau) layers: every query step attends over
 * the value steps. Inputs [query [B, Tq, D], value [B, Tv, Dv]] or [query, value, key [B, Tv, D]] (key defaults to
 * value); output [B, Tq, Dv] and, with {@code returnScores}, the attention weights [B, Tq, Tv]. Scores:
 * <ul>
 * <li>{@link Score#DOT}: {@code q · k} (times the learned scalar "scale" with {@code useScale});</li>
 * <li>{@link Score#CONCAT}: {@code c · Σ tanh(q + k)} ({@code Σ tanh(s·(q + k))} with {@code useScale}), scalars
 * "concat_score_weight" c and "scale" s (Keras' Attention(score_mode="concat"));</li>
 * <li>{@link Score#ADDITIVE}: {@code Σ_d s_d · tanh(q + k)_d} with the learned "scale" [D] ({@code useScale}, the
 * default) or {@code Σ tanh(q + k)}.</li>
 * </ul>
 * Masked value steps (and, with {@code causal}, value steps after the query step) get no weight (-1e9 is added to
 * their scores, as Keras does); masked query steps output zeros; the output carries the query's mask. Dropout on
 * the weights in training. Scalar weights are stored as [1] (Keras: shape ()).
 */
public final class SequenceAttention extends AbstractLayer {

    /** How a query step and a key step are scored. */
    public enum Score { DOT, CONCAT, ADDITIVE }

    private static final float MASKED = 1e9f;
    private final Score score;
    private final boolean useScale;
    private boolean causal;
    private boolean returnScores;
    private float dropout;
    private Parameter scale;
    private Parameter concatScoreWeight;

    public SequenceAttention(Score score, boolean useScale) {
        super(score == Score.ADDITIVE ? "additive_attention" : "attention");
        this.score = java.util.Objects.requireNonNull(score, "score");
        this.useScale = useScale;
    }

    /** Query step i attends only to key steps j &lt;= i (Keras' use_causal_mask). */
    public SequenceAttention causal(boolean v) {
        requireNotBuilt();
        causal = v;
        return this;
    }

    /** Also output the attention weights (Keras' return_attention_scores). */
    public SequenceAttention returnScores(boolean v) {
        requireNotBuilt();
        returnScores = v;
        return this;
    }

    /** Dropout rate on the attention weights in training. */
    public SequenceAttention dropout(float rate) {
        requireNotBuilt();
        if (!(rate >= 0f && rate < 1f)) throw new IllegalArgumentException("attention dropout must be in [0, 1), got " + rate);
        dropout = rate;
        return this;
    }

    public Score score() {
        return score;
    }

    @Override
    public String type() {
        return "SequenceAttention";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("score", score.name(), "use_scale", useScale, "causal", causal, "return_scores", returnScores, "dropout", dropout);
    }

    static SequenceAttention fromConfig(Map<String, Object> c) {
        return new SequenceAttention(Configs.enumValue(Score.class, c, "score"), Configs.b(c, "use_scale")).causal(Configs.b(c, "causal"))
                .returnScores(Configs.b(c, "return_scores")).dropout(Configs.f(c, "dropout"));
    }

    @Override
    public int outputCount() {
        return returnScores ? 2 : 1;
    }

    @Override
    protected int minInputs() {
        return 2;
    }

    @Override
    protected int maxInputs() {
        return 3;
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        long[] q = in.get(0), v = in.get(1), k = in.size() > 2 ? in.get(2) : v;
        requireRank(q, 2, "a query sequence [batch, Tq, dim]");
        requireRank(v, 2, "a value sequence [batch, Tv, dim]");
        requireRank(k, 2, "a key sequence [batch, Tv, dim]");
        long dim = features(q);
        if (features(k) != dim) throw new IllegalArgumentException("layer " + name() + ": query width " + dim + " differs from key width " + features(k));
        if (k[0] != v[0] && k[0] > 0 && v[0] > 0) throw new IllegalArgumentException("layer " + name() + ": key and value have different lengths " + k[0] + " and " + v[0]);
        if (useScale) {
            float[] init = score == Score.ADDITIVE ? Init.glorotUniform(ctx.random(name()), 1, (int) dim) : new float[] {1f};
            scale = addParameter(ctx, "scale", () -> init, score == Score.ADDITIVE ? dim : 1);
        }
        if (score == Score.CONCAT) concatScoreWeight = addParameter(ctx, "concat_score_weight", () -> new float[] {1f}, 1);
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {q[0], features(v)});
        if (returnScores) out.add(new long[] {q[0], v[0]});
        return out;
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable query = inputs.get(0), value = inputs.get(1), key = inputs.size() > 2 ? inputs.get(2) : value;
        requireRank(query, 3, "a query sequence [batch, Tq, dim]");
        requireRank(value, 3, "a value sequence [batch, Tv, dim]");
        requireRank(key, 3, "a key sequence [batch, Tv, dim]");
        int b = (int) query.dim(0), tq = (int) query.dim(1), tv = (int) value.dim(1), d = (int) query.dim(2);
        if (value.dim(0) != b || key.dim(0) != b || key.dim(1) != tv || key.dim(2) != d) {
            throw new IllegalArgumentException("layer " + name() + ": query " + query.value().describe() + ", value " + value.value().describe() + " and key "
                    + key.value().describe() + " do not fit together");
        }
        Variable scores = switch (score) {
            case DOT -> {
                Variable s = ShapeOps.batchedMatmul(tape, plain(tape, query), plain(tape, key), true);
                yield useScale ? timesScalar(tape, s, scale) : s;
            }
            case CONCAT -> {
                Variable pairs = pairSums(tape, query, key, b, tq, tv, d);
                if (useScale) pairs = timesScalar(tape, pairs, scale);
                Variable summed = sumLast(tape, ElementwiseOps.activation(tape, pairs, Activation.TANH), null, b, tq, tv, d);
                yield timesScalar(tape, summed, concatScoreWeight);
            }
            case ADDITIVE -> sumLast(tape, ElementwiseOps.activation(tape, pairSums(tape, query, key, b, tq, tv, d), Activation.TANH), useScale ? scale : null, b, tq, tv, d);
        };
        SequenceMask valueMask = value.mask();
        if (valueMask != null || causal) {
            float[] bias = new float[b * tq * tv];
            for (int r = 0; r < b; r++) {
                for (int i = 0; i < tq; i++) {
                    for (int j = 0; j < tv; j++) {
                        boolean masked = (valueMask != null && !valueMask.valid(r, j, tv)) || (causal && j > i);
                        if (masked) bias[(r * tq + i) * tv + j] = -MASKED;
                    }
                }
            }
            scores = ElementwiseOps.combine(tape, BinaryOp.ADD, scores, tape.constant(HostData.upload(tape, bias, b, tq, tv)), 1f);
        }
        Variable weights = ElementwiseOps.softmax(tape, scores);
        Variable attended = ElementwiseOps.dropout(tape, weights, dropout);
        Variable output = ShapeOps.batchedMatmul(tape, attended, plain(tape, value), false);
        SequenceMask queryMask = query.mask();
        if (queryMask != null) {
            int dv = (int) value.dim(2);
            float[] keep = new float[b * tq * dv];
            for (int r = 0; r < b; r++) {
                for (int i = 0; i < tq; i++) if (queryMask.valid(r, i, tq)) java.util.Arrays.fill(keep, (r * tq + i) * dv, (r * tq + i + 1) * dv, 1f);
            }
            output = ElementwiseOps.multiplyByConstant(tape, output, HostData.upload(tape, keep, b, tq, dv));
        }
        output = ElementwiseOps.reshape(tape, output, queryMask, output.shape());
        return returnScores ? List.of(output, ElementwiseOps.reshape(tape, weights, null, weights.shape())) : List.of(output);
    }

    /** x without its mask (a view). */
    private static Variable plain(GradientTape tape, Variable x) {
        return ElementwiseOps.reshape(tape, x, null, x.shape());
    }

    /** q_i + k_j for every pair: [B, Tq, Tv, D]. */
    private static Variable pairSums(GradientTape tape, Variable query, Variable key, int b, int tq, int tv, int d) {
        int[] qRows = new int[b * tq * tv];
        int[] kRows = new int[b * tq * tv];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < tq; i++) {
                for (int j = 0; j < tv; j++) {
                    qRows[(r * tq + i) * tv + j] = r * tq + i;
                    kRows[(r * tq + i) * tv + j] = r * tv + j;
                }
            }
        }
        Variable q = GatherOps.rows(tape, plain(tape, query), qRows, null, b, tq, tv, d);
        Variable k = GatherOps.rows(tape, plain(tape, key), kRows, null, b, tq, tv, d);
        return ElementwiseOps.combine(tape, BinaryOp.ADD, q, k, 1f);
    }

    /** Σ_d w_d · x_d over the last axis of x [B, Tq, Tv, D] → [B, Tq, Tv]; w null: all ones. */
    private static Variable sumLast(GradientTape tape, Variable x, Parameter w, int b, int tq, int tv, int d) {
        Variable weight = w == null ? tape.constant(ones(tape, d)) : ElementwiseOps.reshape(tape, tape.param(w), null, 1, d);
        return ElementwiseOps.reshape(tape, LinearOps.linear(tape, x, weight, null), null, b, tq, tv);
    }

    private static dev.rnn4j.tensor.Tensor ones(GradientTape tape, int d) {
        float[] v = new float[d];
        java.util.Arrays.fill(v, 1f);
        return HostData.upload(tape, v, 1, d);
    }

    /** x times a learned scalar (a [1] parameter). */
    private static Variable timesScalar(GradientTape tape, Variable x, Parameter s) {
        long n = x.value().elementCount();
        Variable column = ElementwiseOps.reshape(tape, x, null, n, 1);
        Variable scaled = LinearOps.linear(tape, column, ElementwiseOps.reshape(tape, tape.param(s), null, 1, 1), null);
        return ElementwiseOps.reshape(tape, scaled, null, x.shape());
    }
}
