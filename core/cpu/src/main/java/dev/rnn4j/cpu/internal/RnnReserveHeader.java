package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The first 16 floats of a reserve space: which RNN and which x descriptor wrote it, and how far the
 * training step has come, so that backward rejects a reserve it cannot use instead of reading garbage.
 */
final class RnnReserveHeader {

    static final long FLOATS = 16;

    enum Phase { NONE, FORWARD, BACKWARD_DATA }

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final int MAGIC = 0x524E4E34; // "RNN4"

    private RnnReserveHeader() {
    }

    static void write(MemorySegment s, long floatOffset, RnnDescriptor rnn, RnnDataDescriptor xDesc, Phase phase) {
        long at = floatOffset * 4;
        s.set(INT, at, MAGIC);
        s.set(INT, at + 4, rnn.hashCode());
        s.set(INT, at + 8, xDesc.hashCode());
        s.set(INT, at + 12, xDesc.maxSeqLength());
        s.set(INT, at + 16, xDesc.batchSize());
        s.set(INT, at + 20, phase.ordinal());
    }

    /** Throws unless the reserve was written by forward(TRAINING) of {@code rnn} on {@code xDesc} and has reached {@code expected}. */
    static void require(MemorySegment s, long floatOffset, RnnDescriptor rnn, RnnDataDescriptor xDesc, Phase expected, String caller) {
        long at = floatOffset * 4;
        if (s.get(INT, at) != MAGIC) {
            throw new IllegalStateException("reserveSpace was not written by forward(TRAINING) of a CPU RNN; run it before " + caller);
        }
        if (s.get(INT, at + 4) != rnn.hashCode()) {
            throw new IllegalArgumentException("reserveSpace was written by an RNN with another descriptor, not " + rnn);
        }
        if (s.get(INT, at + 8) != xDesc.hashCode() || s.get(INT, at + 12) != xDesc.maxSeqLength() || s.get(INT, at + 16) != xDesc.batchSize()) {
            throw new IllegalArgumentException("reserveSpace was written by forward with another xDesc than " + xDesc);
        }
        int phase = s.get(INT, at + 20);
        if (phase != expected.ordinal()) {
            String what = expected == Phase.FORWARD
                    ? "backwardData needs a reserve fresh from forward(TRAINING) (backwardData already consumed this one)"
                    : "backwardWeights needs backwardData to have run on this reserve first";
            throw new IllegalStateException(what);
        }
    }
}
