package dev.rnn4j.keras;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.ModelWeights;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Export then import: every fixture imported, written by {@link KerasFiles#save} as .keras and as .h5, read back,
 * gives the same weights and bit-identical outputs. (That Keras itself loads these files and predicts the same is
 * checked by make_fixtures.py --roundtrip, see ROUNDTRIP.md.) Set -Drnn4j.keras.exportDir=DIR to keep the files.
 */
class ExportRoundTripTest {

    private final Backend backend = Backends.cpu();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dev.rnn4j.keras.Fixtures#withExtensions")
    void exportedFilesReadBackTheSame(String name, String ext) throws Exception {
        String keep = System.getProperty("rnn4j.keras.exportDir");
        Path dir = keep == null ? tmp : Files.createDirectories(Path.of(keep));
        Path out = dir.resolve(name + ".rnn4j" + ext);
        try (Model original = KerasFiles.load(Fixtures.file(name + ".keras"), backend).model()) {
            KerasFiles.save(original, out, name.equals("stateful_lstm") ? 2 : 0);
            try (Model back = KerasFiles.load(out, backend).model()) {
                List<ModelWeights.Weight> a = ModelWeights.get(original), b = ModelWeights.get(back);
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).shape(), b.get(i).shape(), a.get(i).name());
                    assertArrayEquals(a.get(i).values(), b.get(i).values(), 0f, a.get(i).name() + " vs " + b.get(i).name());
                }
                for (Fixtures.Case c : Fixtures.cases(name)) {
                    original.resetStates();
                    back.resetStates();
                    for (Fixtures.Array x : name.equals("stateful_lstm") ? c.inputs() : List.<Fixtures.Array>of()) {
                        assertOutputsEqual(Fixtures.run(original, List.of(x)), Fixtures.run(back, List.of(x)), name + " " + c.name());
                    }
                    if (!name.equals("stateful_lstm")) assertOutputsEqual(Fixtures.run(original, c.inputs()), Fixtures.run(back, c.inputs()), name + " " + c.name());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} -> .safetensors")
    @MethodSource("names")
    void importedModelsSurviveAnRnn4jCheckpoint(String name) throws Exception {
        Path out = tmp.resolve(name + ".safetensors");
        try (Model original = KerasFiles.load(Fixtures.file(name + ".keras"), backend).model()) {
            dev.rnn4j.model.io.Checkpoint.save(out, original, java.util.Map.of());
            try (Model back = dev.rnn4j.model.io.Checkpoint.load(out, backend).model()) {
                for (Fixtures.Case c : Fixtures.cases(name)) {
                    original.resetStates();
                    back.resetStates();
                    for (Fixtures.Array x : c.inputs()) {
                        List<Fixtures.Array> in = name.equals("stateful_lstm") ? List.of(x) : c.inputs();
                        assertOutputsEqual(Fixtures.run(original, in), Fixtures.run(back, in), name + " " + c.name());
                        if (!name.equals("stateful_lstm")) break;
                    }
                }
            }
        }
    }

    static Stream<String> names() {
        return Fixtures.NAMES.stream();
    }

    private static void assertOutputsEqual(List<float[]> a, List<float[]> b, String what) {
        assertEquals(a.size(), b.size(), what);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), 0f, what + " output " + i);
    }
}
