package dev.rnn4j.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.testing.LoaderContract;

/**
 * What {@code rnn4j sample} and {@code rnn4j classify} read from a checkpoint, on arbitrary bytes: the
 * safetensors file, the model config (rebuilt and built on the CPU backend), the training state, and the CLI's
 * extras (task, tokenizer JSON, labels, maxlen). In this package because {@link Checkpoints} is the CLI's.
 */
class CheckpointFuzzTest {

    private static final Backend CPU = Backends.cpu();

    @FuzzTest
    void open(byte[] bytes) {
        LoaderContract.checkFile("model.safetensors", bytes, file -> Checkpoints.open(file, CPU, CheckpointExtras.LANGUAGE_MODEL));
    }
}
