package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel-level cases of the shapes users run, beside the square benchmark shapes: a ragged batch through a
 * stacked bidirectional LSTM ({@link RaggedCase}), one-token generation at batch 1 and 8
 * ({@link GenerationCase}) and long-sequence inference ({@link LongSequenceCase}).
 */
final class UserShapeCases {

    static final int[] GENERATION_BATCHES = {1, 8};

    private UserShapeCases() {
    }

    static List<PeerResult> run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log) {
        var results = new ArrayList<PeerResult>(RaggedCase.run(backend, torch, timing, seed, log));
        for (int batch : GENERATION_BATCHES) results.add(GenerationCase.run(backend, torch, batch, timing, seed, log));
        results.add(LongSequenceCase.run(backend, torch, timing, seed, log));
        return results;
    }
}
