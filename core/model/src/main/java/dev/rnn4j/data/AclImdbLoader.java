package dev.rnn4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the aclImdb folder layout: {@code root/<split>/neg/*.txt} and {@code root/<split>/pos/*.txt},
 * one review per file, labels {@code neg = 0}, {@code pos = 1}. Files are read in name order (strict UTF-8;
 * an empty review is an error), and the HTML line breaks {@code <br />} the reviews contain become spaces.
 */
public final class AclImdbLoader {

    public static final List<String> LABELS = List.of("neg", "pos");

    private AclImdbLoader() {
    }

    /**
     * @param split       "train" or "test"
     * @param maxPerClass at most this many files per class (the first in name order); 0 for all
     */
    public static LabeledTexts load(Path root, String split, int maxPerClass) {
        if (!"train".equals(split) && !"test".equals(split)) throw new IllegalArgumentException("split must be 'train' or 'test', got '" + split + "'");
        if (maxPerClass < 0) throw new IllegalArgumentException("maxPerClass must be >= 0, got " + maxPerClass);
        if (root == null || !Files.isDirectory(root)) throw new IllegalArgumentException("aclImdb directory not found: " + root);
        Path splitDir = root.resolve(split);
        if (!Files.isDirectory(splitDir)) {
            String hint = Files.isDirectory(root.resolve("aclImdb").resolve(split)) ? " (did you mean " + root.resolve("aclImdb") + "?)" : "";
            throw new IllegalArgumentException("not an aclImdb layout: " + splitDir + " is missing" + hint);
        }
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String label : LABELS) {
            for (Path f : reviewFiles(splitDir.resolve(label), maxPerClass)) {
                texts.add(TextFiles.readUtf8(f).replace("<br />", " "));
                labels.add(label);
            }
        }
        return LabeledTexts.of(texts, labels, LABELS, i -> "review #" + i);
    }

    private static List<Path> reviewFiles(Path dir, int maxPerClass) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not an aclImdb layout: " + dir + " is missing");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p)).sorted().toList();
            if (files.isEmpty()) throw new IllegalArgumentException("no .txt reviews in " + dir);
            return maxPerClass > 0 && files.size() > maxPerClass ? files.subList(0, maxPerClass) : files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
