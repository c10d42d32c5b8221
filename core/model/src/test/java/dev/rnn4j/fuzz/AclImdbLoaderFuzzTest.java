package dev.rnn4j.fuzz;

import dev.rnn4j.testing.LoaderContract;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rnn4j.data.AclImdbLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link AclImdbLoader#load} on a {@code train/neg}, {@code train/pos} layout whose review files hold the fuzzed
 * bytes: the input is cut at every 0xFF byte (which UTF-8 never uses) and the pieces become {@code <i>_1.txt}
 * files, alternately under neg and pos.
 */
class AclImdbLoaderFuzzTest {

    private static final byte SEPARATOR = (byte) 0xFF;

    @FuzzTest
    void load(byte[] bytes) {
        LoaderContract.check(root -> layout(root, bytes), root -> AclImdbLoader.load(root, "train", 0));
    }

    private static Path layout(Path root, byte[] bytes) throws IOException {
        Path neg = Files.createDirectories(root.resolve("train/neg"));
        Path pos = Files.createDirectories(root.resolve("train/pos"));
        int from = 0;
        for (int piece = 0; from <= bytes.length; piece++) {
            int to = from;
            while (to < bytes.length && bytes[to] != SEPARATOR) to++;
            Files.write((piece % 2 == 0 ? neg : pos).resolve(piece + "_1.txt"), Arrays.copyOfRange(bytes, from, to));
            from = to + 1;
        }
        return root;
    }
}
