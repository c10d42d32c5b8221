package dev.rnn4j.cuda;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * How cuDNN's weight space relates to rnn4j's canonical {@link RnnWeightLayout}. cuDNN names each matrix and
 * bias by (pseudoLayer = layer·directions + direction, linLayerID): IDs 0..gates-1 are the input matrices
 * W_g (and, as biases, b_W,g), IDs gates..2·gates-1 the recurrent matrices R_g (and b_R,g), in cuDNN's gate
 * order, which is the canonical one (LSTM i,f,g,o; GRU r,z,n). {@link #pieces} lists where each lands in
 * the canonical layout; the plan asks cudnnGetRNNWeightParams where each lives in cuDNN's space, and
 * {@link #runs} merges the result into as few copies as possible (none when the two layouts coincide).
 */
final class WeightSpaceMapping {

    /** One matrix or bias: cuDNN's name for it, and its canonical offset and size in elements. */
    record Piece(int pseudoLayer, int linLayerId, boolean bias, long canonicalOffset, long elements) {
    }

    /** A contiguous copy between the two layouts. */
    record Run(long canonicalOffset, long cudnnOffset, long elements) {
    }

    private WeightSpaceMapping() {
    }

    static List<Piece> pieces(RnnDescriptor rnn) {
        RnnWeightLayout layout = rnn.weightLayout();
        int gates = rnn.mode().gates();
        long h = rnn.hiddenSize();
        List<Piece> pieces = new ArrayList<>();
        for (int layer = 0; layer < rnn.numLayers(); layer++) {
            long in = rnn.layerInputSize(layer);
            for (int dir = 0; dir < rnn.directions(); dir++) {
                int pseudo = layer * rnn.directions() + dir;
                for (int g = 0; g < gates; g++) {
                    pieces.add(new Piece(pseudo, g, false, layout.inputWeightOffset(layer, dir) + g * h * in, h * in));
                    pieces.add(new Piece(pseudo, gates + g, false, layout.recurrentWeightOffset(layer, dir) + g * h * h, h * h));
                    if (rnn.biasMode().hasInputBias()) pieces.add(new Piece(pseudo, g, true, layout.inputBiasOffset(layer, dir) + g * h, h));
                    if (rnn.biasMode().hasRecurrentBias()) pieces.add(new Piece(pseudo, gates + g, true, layout.recurrentBiasOffset(layer, dir) + g * h, h));
                }
            }
        }
        pieces.sort(java.util.Comparator.comparingLong(Piece::canonicalOffset));
        return pieces;
    }

    /**
     * Merges per-piece copies (sorted by canonical offset) into maximal runs that are contiguous in both
     * layouts. {@code cudnnOffsets[i]} is where {@code pieces.get(i)} lives in cuDNN's space.
     */
    static List<Run> runs(List<Piece> pieces, long[] cudnnOffsets) {
        if (cudnnOffsets.length != pieces.size()) throw new IllegalArgumentException(pieces.size() + " pieces but " + cudnnOffsets.length + " offsets");
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            if (!runs.isEmpty()) {
                Run last = runs.getLast();
                if (last.canonicalOffset() + last.elements() == p.canonicalOffset() && last.cudnnOffset() + last.elements() == cudnnOffsets[i]) {
                    runs.set(runs.size() - 1, new Run(last.canonicalOffset(), last.cudnnOffset(), last.elements() + p.elements()));
                    continue;
                }
            }
            runs.add(new Run(p.canonicalOffset(), cudnnOffsets[i], p.elements()));
        }
        return runs;
    }

    /** True when the whole space is one run at the same offset: cuDNN can use the canonical weights in place. */
    static boolean isIdentity(List<Run> runs, long total) {
        return runs.size() == 1 && runs.getFirst().canonicalOffset() == 0 && runs.getFirst().cudnnOffset() == 0 && runs.getFirst().elements() == total;
    }
}
