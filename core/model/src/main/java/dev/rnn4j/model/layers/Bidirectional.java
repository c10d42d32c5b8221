package dev.rnn4j.model.layers;

import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;
import dev.rnn4j.model.ops.GatherOps;
import dev.rnn4j.model.ops.ShapeOps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a recurrent layer forwards and a backward layer (by default a copy with goBackwards) over the same
 * input and merges their outputs: concat, sum, ave or mul, or "none" (Keras' merge_mode=None: both outputs,
 * forward first). With returnSequences the backward outputs are put back in input order first (padding, before
 * or after the data, stays at zero, as in Keras' Bidirectional). Both layers use rnn4j's mask semantics. Parameters are the two layers' (named "&lt;name&gt;_forward.*" and "&lt;name&gt;_backward.*").
 * With returnState on the wrapped layers (both or neither), the outputs are Keras': [merged output, forward h,
 * (forward c,) backward h, (backward c)], each state [B, units] as its layer returns it (the backward layer's
 * final state is the one after reading each sequence from its last valid step to its first).
 */
public final class Bidirectional extends AbstractLayer {

    private final Recurrent forwardLayer;
    private final Recurrent backwardLayer;
    private final String mergeMode;

    public Bidirectional(Recurrent layer, String mergeMode) {
        this(layer, null, mergeMode);
    }

    /** {@code backwardLayer} may be null (a reversed copy of {@code layer}); if given it must have goBackwards(true). */
    public Bidirectional(Recurrent layer, Recurrent backwardLayer, String mergeMode) {
        super("bidirectional");
        this.forwardLayer = java.util.Objects.requireNonNull(layer, "layer");
        this.backwardLayer = backwardLayer != null ? backwardLayer : layer.copyReversed();
        if (!this.backwardLayer.goBackwards() || layer.goBackwards()) {
            throw new IllegalArgumentException("Bidirectional needs a forward layer and a backward layer with goBackwards(true)");
        }
        if (layer.returnSequences() != this.backwardLayer.returnSequences()) {
            throw new IllegalArgumentException("forward and backward layers must agree on returnSequences");
        }
        if ((layer.outputCount() == 1) != (this.backwardLayer.outputCount() == 1)) {
            throw new IllegalArgumentException("forward and backward layers must agree on returnState");
        }
        if (!List.of("concat", "sum", "ave", "mul", "none").contains(mergeMode)) {
            throw new IllegalArgumentException("merge mode must be concat, sum, ave, mul or none, got '" + mergeMode + "'");
        }
        if (layer.maskSemantics() != Recurrent.MaskSemantics.RNN4J || this.backwardLayer.maskSemantics() != Recurrent.MaskSemantics.RNN4J) {
            throw new IllegalArgumentException("Bidirectional needs layers with rnn4j's mask semantics (it restores the backward outputs' order itself)");
        }
        this.mergeMode = mergeMode;
    }

    @Override
    public String type() {
        return "Bidirectional";
    }

    @Override
    public int outputCount() {
        return mergedCount() + (forwardLayer.outputCount() - 1) + (backwardLayer.outputCount() - 1);
    }

    private int mergedCount() {
        return mergeMode.equals("none") ? 2 : 1;
    }

    public String mergeMode() {
        return mergeMode;
    }

    public Recurrent forwardLayer() {
        return forwardLayer;
    }

    public Recurrent backwardLayer() {
        return backwardLayer;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("merge_mode", mergeMode, "layer", Map.of("type", forwardLayer.type(), "config", forwardLayer.config()),
                "backward_layer", Map.of("type", backwardLayer.type(), "config", backwardLayer.config()));
    }

    @SuppressWarnings("unchecked")
    static Bidirectional fromConfig(Map<String, Object> c) {
        Map<String, Object> f = (Map<String, Object>) c.get("layer");
        Map<String, Object> b = (Map<String, Object>) c.get("backward_layer");
        return new Bidirectional((Recurrent) Layers.fromConfig((String) f.get("type"), (Map<String, Object>) f.get("config")),
                (Recurrent) Layers.fromConfig((String) b.get("type"), (Map<String, Object>) b.get("config")), Configs.s(c, "merge_mode"));
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        forwardLayer.setName(name() + "_forward");
        backwardLayer.setName(name() + "_backward");
        List<long[]> forwardShapes = forwardLayer.build(ctx, in);
        List<long[]> backwardShapes = backwardLayer.build(ctx, in);
        forwardLayer.parameters().forEach(this::addParameter);
        backwardLayer.parameters().forEach(this::addParameter);
        return merged(forwardShapes, backwardShapes);
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        return merged(forwardLayer.outputShapes(in), backwardLayer.outputShapes(in));
    }

    private List<long[]> merged(List<long[]> forwardShapes, List<long[]> backwardShapes) {
        long[] f = forwardShapes.getFirst();
        long[] b = backwardShapes.getFirst();
        if (f[f.length - 1] != b[b.length - 1] && !mergeMode.equals("concat")) {
            throw new IllegalArgumentException("merge mode " + mergeMode + " needs equal widths, got " + f[f.length - 1] + " and " + b[b.length - 1]);
        }
        if (mergeMode.equals("none")) return withStates(List.of(f, b), forwardShapes, backwardShapes);
        long[] out = f.clone();
        if (mergeMode.equals("concat")) out[out.length - 1] = f[f.length - 1] + b[b.length - 1];
        return withStates(List.of(out), forwardShapes, backwardShapes);
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable x = inputs.getFirst();
        List<Variable> forwardOut = forwardLayer.call(tape, List.of(x));
        List<Variable> backwardOut = backwardLayer.call(tape, List.of(x));
        Variable f = forwardOut.getFirst();
        Variable b = backwardOut.getFirst();
        if (forwardLayer.returnSequences()) b = GatherOps.reverseTime(tape, b, forwardLayer.maskInput() ? x.mask() : null);
        List<Variable> merged = switch (mergeMode) {
            case "concat" -> List.of(ShapeOps.concatLast(tape, new ArrayList<>(List.of(f, b))));
            case "sum" -> List.of(ElementwiseOps.combine(tape, BinaryOp.ADD, f, b, 1f));
            case "ave" -> List.of(ElementwiseOps.combine(tape, BinaryOp.ADD, f, b, 0.5f));
            case "mul" -> List.of(ElementwiseOps.combine(tape, BinaryOp.MUL, f, b, 1f));
            default -> List.of(f, ElementwiseOps.reshape(tape, b, f.mask(), b.shape()));
        };
        return withStates(merged, forwardOut, backwardOut);
    }

    /** [merged..., forward states..., backward states...]: the layers' outputs after their first. */
    private static <T> List<T> withStates(List<T> merged, List<T> forwardOut, List<T> backwardOut) {
        List<T> out = new ArrayList<>(merged);
        out.addAll(forwardOut.subList(1, forwardOut.size()));
        out.addAll(backwardOut.subList(1, backwardOut.size()));
        return out;
    }

    @Override
    public void resetStates() {
        forwardLayer.resetStates();
        backwardLayer.resetStates();
    }

    @Override
    public void release() {
        forwardLayer.release();
        backwardLayer.release();
    }
}
