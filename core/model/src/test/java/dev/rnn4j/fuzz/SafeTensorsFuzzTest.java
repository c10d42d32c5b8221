package dev.rnn4j.fuzz;

import dev.rnn4j.testing.LoaderContract;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rnn4j.model.io.SafeTensors;
import dev.rnn4j.tensor.TensorScope;

/** {@link SafeTensors#read} on arbitrary bytes. */
class SafeTensorsFuzzTest {

    @FuzzTest
    void read(byte[] bytes) {
        LoaderContract.checkFile("weights.safetensors", bytes, file -> {
            try (TensorScope scope = TensorScope.open()) {
                return SafeTensors.read(file, scope).tensors().keySet();
            }
        });
    }
}
