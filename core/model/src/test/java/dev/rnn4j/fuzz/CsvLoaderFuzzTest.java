package dev.rnn4j.fuzz;

import dev.rnn4j.testing.LoaderContract;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rnn4j.data.CsvLoader;

/** {@link CsvLoader#load} (and the RFC 4180 reader under it) on arbitrary bytes, columns "text" and "label". */
class CsvLoaderFuzzTest {

    @FuzzTest
    void load(byte[] bytes) {
        LoaderContract.checkFile("labelled.csv", bytes, file -> CsvLoader.load(file, "text", "label"));
    }
}
