package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ShapeOps;

import java.util.List;
import java.util.Map;

/** Concatenates its inputs along the last axis (functional models). */
public final class Concatenate extends AbstractLayer {

    public Concatenate() {
        super("concatenate");
    }

    @Override
    public String type() {
        return "Concatenate";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    protected int minInputs() {
        return 2;
    }

    @Override
    protected int maxInputs() {
        return 64;
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        return outputShapesFor(in);
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        long[] out = in.getFirst().clone();
        long total = 0;
        for (long[] s : in) {
            if (s.length != out.length) throw new IllegalArgumentException("Concatenate " + name() + ": inputs of different ranks");
            total += features(s);
        }
        out[out.length - 1] = total;
        return List.of(out);
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        return List.of(ShapeOps.concatLast(tape, inputs));
    }
}
