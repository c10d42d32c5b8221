package dev.rnn4j.bench.peers;

import java.util.List;

/** Sequence length, batch, input width and hidden width of one benchmarked RNN. */
public record RnnShape(int seqLength, int batch, int inputSize, int hiddenSize) {

    /** The shapes of the targets (issue: CPU engine, section 6), first shape first. */
    public static final List<RnnShape> TARGETS = List.of(
            new RnnShape(100, 64, 128, 256),
            new RnnShape(50, 32, 64, 128),
            new RnnShape(200, 16, 256, 512));

    public RnnShape {
        if (seqLength < 1 || batch < 1 || inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("every extent must be >= 1: " + dims(seqLength, batch, inputSize, hiddenSize));
        }
    }

    /** {@code T=… B=… I=… H=…}, as in the result lines. */
    public String dims() {
        return dims(seqLength, batch, inputSize, hiddenSize);
    }

    private static String dims(int t, int b, int i, int h) {
        return "T=" + t + " B=" + b + " I=" + i + " H=" + h;
    }
}
