package dev.rnn4j.backend;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnPlan;

/** The RNN primitive. */
public interface RnnOps {

    /** A plan (cuDNN: RNN descriptor + its dropout state) for {@code descriptor} on this backend. */
    RnnPlan rnn(RnnDescriptor descriptor);
}
