package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cuDNN's (pseudoLayer, linLayerID) pieces against the canonical layout, without a GPU. */
class WeightSpaceMappingTest {

    @Test
    void piecesTileTheCanonicalSpaceExactlyOnce() {
        for (RnnMode mode : RnnMode.values()) {
            for (RnnBiasMode bias : RnnBiasMode.values()) {
                for (boolean bidi : new boolean[] {false, true}) {
                    RnnDescriptor rnn = new RnnDescriptor(mode, 2, bidi, 5, 3, bias, 0f, 0L);
                    List<WeightSpaceMapping.Piece> pieces = WeightSpaceMapping.pieces(rnn);
                    long next = 0;
                    for (WeightSpaceMapping.Piece p : pieces) {
                        assertEquals(next, p.canonicalOffset(), rnn + " gap or overlap at " + p);
                        next += p.elements();
                    }
                    assertEquals(rnn.weightLayout().size(), next, rnn.toString());
                    int perPseudo = mode.gates() * (2 + (bias.hasInputBias() ? 1 : 0) + (bias.hasRecurrentBias() ? 1 : 0));
                    assertEquals(perPseudo * 2 * (bidi ? 2 : 1), pieces.size());
                }
            }
        }
    }

    @Test
    void lstmLinLayerIdsFollowGateOrderInputsThenRecurrent() {
        RnnDescriptor rnn = RnnDescriptor.of(RnnMode.LSTM, 1, false, 5, 3);
        List<WeightSpaceMapping.Piece> p = WeightSpaceMapping.pieces(rnn);
        // canonical order: W_i W_f W_g W_o (3x5 each), R_i..R_o (3x3), b_W i..o, b_R i..o
        assertEquals(new WeightSpaceMapping.Piece(0, 0, false, 0, 15), p.get(0));
        assertEquals(new WeightSpaceMapping.Piece(0, 3, false, 45, 15), p.get(3));
        assertEquals(new WeightSpaceMapping.Piece(0, 4, false, 60, 9), p.get(4));
        assertEquals(new WeightSpaceMapping.Piece(0, 7, false, 87, 9), p.get(7));
        assertEquals(new WeightSpaceMapping.Piece(0, 0, true, 96, 3), p.get(8));
        assertEquals(new WeightSpaceMapping.Piece(0, 4, true, 108, 3), p.get(12));
        assertEquals(new WeightSpaceMapping.Piece(0, 7, true, 117, 3), p.get(15));
    }

    @Test
    void secondLayerAndBackwardDirectionUseTheirPseudoLayer() {
        RnnDescriptor rnn = RnnDescriptor.of(RnnMode.GRU, 2, true, 4, 2);
        List<WeightSpaceMapping.Piece> p = WeightSpaceMapping.pieces(rnn);
        var layout = rnn.weightLayout();
        var l1Backward = p.stream().filter(x -> x.pseudoLayer() == 3 && x.linLayerId() == 0 && !x.bias()).findFirst().orElseThrow();
        assertEquals(layout.inputWeightOffset(1, 1), l1Backward.canonicalOffset());
        assertEquals(2 * 4, l1Backward.elements(), "layer 1 input is 2 directions x hidden 2");
        var rzBias = p.stream().filter(x -> x.pseudoLayer() == 1 && x.linLayerId() == 5 && x.bias()).findFirst().orElseThrow();
        assertEquals(layout.recurrentBiasOffset(0, 1) + 2 * 2, rzBias.canonicalOffset(), "b_R of gate n");
    }

    @Test
    void identicalLayoutsMergeIntoOneRunAndNeedNoCopy() {
        RnnDescriptor rnn = RnnDescriptor.of(RnnMode.LSTM, 2, true, 5, 3);
        List<WeightSpaceMapping.Piece> pieces = WeightSpaceMapping.pieces(rnn);
        long[] same = pieces.stream().mapToLong(WeightSpaceMapping.Piece::canonicalOffset).toArray();
        List<WeightSpaceMapping.Run> runs = WeightSpaceMapping.runs(pieces, same);
        assertEquals(1, runs.size());
        assertTrue(WeightSpaceMapping.isIdentity(runs, rnn.weightLayout().size()));
    }

    @Test
    void biasesFirstInCudnnGiveOneRunPerContiguousStretch() {
        // a cuDNN that stored each pseudo-layer's biases before its matrices: [biases | matrices] per pseudo-layer
        RnnDescriptor rnn = RnnDescriptor.of(RnnMode.RNN_TANH, 1, false, 2, 2);
        List<WeightSpaceMapping.Piece> pieces = WeightSpaceMapping.pieces(rnn); // W(4) R(4) bW(2) bR(2)
        long[] offsets = {4, 8, 0, 2};
        List<WeightSpaceMapping.Run> runs = WeightSpaceMapping.runs(pieces, offsets);
        assertEquals(List.of(new WeightSpaceMapping.Run(0, 4, 8), new WeightSpaceMapping.Run(8, 0, 4)), runs);
        assertFalse(WeightSpaceMapping.isIdentity(runs, 12));
    }
}
