package dev.rnn4j.bench.peers;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.SplittableRandom;

/**
 * The inputs both sides of an RNN case get, bit for bit: one canonical weight space, x [T, B, I] and the
 * output gradient G [T, B, D·H] (the fwd+bwd cases differentiate sum(y · G)), all drawn from one seed.
 * Weights are uniform in ±1/sqrt(H) as PyTorch initialises them; x and G uniform in ±1.
 */
public record RnnProblem(RnnDescriptor descriptor, RnnShape shape, float[] weightSpace, float[] x, float[] dy) {

    public static RnnProblem random(RnnMode mode, RnnShape shape, long seed) {
        return random(RnnDescriptor.of(mode, 1, false, shape.inputSize(), shape.hiddenSize()), shape, seed);
    }

    public static RnnProblem random(RnnDescriptor descriptor, RnnShape shape, long seed) {
        if (descriptor.inputSize() != shape.inputSize() || descriptor.hiddenSize() != shape.hiddenSize()) {
            throw new IllegalArgumentException("descriptor sizes I=" + descriptor.inputSize() + " H=" + descriptor.hiddenSize()
                    + " do not match shape " + shape.dims());
        }
        var random = new SplittableRandom(seed);
        float scale = (float) (1 / Math.sqrt(shape.hiddenSize()));
        float[] w = uniform(random, Math.toIntExact(descriptor.weightLayout().size()), scale);
        float[] x = uniform(random, shape.seqLength() * shape.batch() * shape.inputSize(), 1f);
        float[] dy = uniform(random, shape.seqLength() * shape.batch() * descriptor.outputSize(), 1f);
        return new RnnProblem(descriptor, shape, w, x, dy);
    }

    /** Shape of the initial/final states: [layers·directions, B, H]. */
    public long[] stateShape() {
        return new long[] {(long) descriptor.numLayers() * descriptor.directions(), shape.batch(), shape.hiddenSize()};
    }

    public long[] xShape() {
        return new long[] {shape.seqLength(), shape.batch(), shape.inputSize()};
    }

    public long[] yShape() {
        return new long[] {shape.seqLength(), shape.batch(), descriptor.outputSize()};
    }

    static float[] uniform(SplittableRandom random, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        return out;
    }
}
