package dev.rnn4j.fuzz;

import dev.rnn4j.testing.LoaderContract;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rnn4j.data.Tokenizer;

/** {@link Tokenizer#load} (the tokenizer's JSON form) on arbitrary bytes. */
class TokenizerJsonFuzzTest {

    @FuzzTest
    void load(byte[] bytes) {
        LoaderContract.checkFile("tokenizer.json", bytes, Tokenizer::load);
    }
}
