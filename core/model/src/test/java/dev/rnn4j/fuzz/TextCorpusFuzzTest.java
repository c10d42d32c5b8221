package dev.rnn4j.fuzz;

import dev.rnn4j.testing.LoaderContract;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rnn4j.data.TextCorpus;
import dev.rnn4j.data.TokenizerConfig;

/** {@link TextCorpus#load} (strict UTF-8 reading, then tokenizing) on arbitrary bytes, at word and char level. */
class TextCorpusFuzzTest {

    @FuzzTest
    void load(byte[] bytes) {
        LoaderContract.checkFile("corpus.txt", bytes, file -> TextCorpus.load(file, TokenizerConfig.words()));
        LoaderContract.checkFile("corpus.txt", bytes, file -> TextCorpus.load(file, TokenizerConfig.chars()));
    }
}
