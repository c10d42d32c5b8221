package dev.rnn4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.testing.PyTorchDefects;
import dev.rnn4j.testing.ReferenceFirst;
import dev.rnn4j.testing.ReferenceRnnGradients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user-shape cases' sides compute the same thing on tiny shapes, each against the double reference first:
 * the ragged stacked bidirectional LSTM (rnn4j with lengths, PyTorch through pack_padded_sequence in the
 * TorchScript module) in y and dW, and the one-token generators' logits with the state carried.
 */
class UserShapeSidesTest {

    private static final ReferenceFirst.Distance MAX_RELATIVE = new ReferenceFirst.Distance("max|a - e| / max|e|", RelativeError::of, 1e-5);
    @RegisterExtension
    static final PeerSides SIDES = new PeerSides();

    @Test
    void raggedBidirectionalStackWithPackedPyTorch() {
        RnnShape shape = RaggedCase.SMALL;
        int[] lengths = RaggedCase.SMALL_LENGTHS;
        var problem = RnnProblem.random(RaggedCase.descriptor(shape), shape, 7);
        var xDesc = new RnnDataDescriptor(shape.seqLength(), shape.batch(), shape.inputSize(), lengths, RnnDataLayout.SEQ_MAJOR);
        var reference = new ReferenceRnnGradients(problem.descriptor()).of(xDesc, RnnReference.toDouble(problem.x()), null, null,
                RnnReference.toDouble(problem.weightSpace()), RnnReference.toDouble(problem.dy()), null, null);
        try (var ours = new Rnn4jRnn(SIDES.backend(), problem, lengths); var theirs = new TorchPackedLstm(SIDES.torch(), problem, lengths)) {
            ReferenceFirst.check("ragged y", reference.forward().y(), ours.forward(), theirs.forward(), MAX_RELATIVE, PyTorchDefects.RNN);
            ReferenceFirst.check("ragged dW", reference.dw(), ours.weightGradients(), theirs.weightGradients(), MAX_RELATIVE, PyTorchDefects.RNN);
        }
    }

    @Test
    void generatorsCarryTheStateTokenByToken() {
        var problem = GenerationProblem.random(11, 5, 7, 2, 3, 5, 9);
        try (var ours = new Rnn4jGenerator(SIDES.backend(), problem); var theirs = new TorchGenerator(SIDES.torch(), problem)) {
            ReferenceFirst.check("generator logits", GenerationCase.referenceLogits(problem), ours.logits(5), theirs.logits(5), MAX_RELATIVE,
                    PyTorchDefects.RNN);
            String line = GenerationCase.checkLine(SIDES.backend(), SIDES.torch(), problem, ours, theirs, 9);
            System.out.println(line);
            assertTrue(line.startsWith("# check generate-lstm ") && !line.contains("WRONG"), line);
        }
    }
}
