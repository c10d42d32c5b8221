package dev.rnn4j.keras;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Keras fixture, from its .keras archive and from its legacy .h5 file: rnn4j's outputs equal the outputs
 * Keras computed, within 1e-5 relative (max |difference| / max |Keras' output|, per output), on every case
 * (masked batches padded after and before the tokens, each with a length-1 sequence; stateful calls in order).
 */
class KerasParityTest {

    private final Backend backend = Backends.cpu();

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("dev.rnn4j.keras.Fixtures#withExtensions")
    void outputsEqualKeras(String name, String ext) throws Exception {
        KerasFiles.Loaded loaded = KerasFiles.load(Fixtures.file(name + ext), backend);
        try (var model = loaded.model()) {
            assertEquals(ext.equals(".keras") ? ModelFormat.KERAS : ModelFormat.HDF5, loaded.format());
            for (Fixtures.Case c : Fixtures.cases(name)) {
                List<float[]> got = new ArrayList<>();
                if (name.equals("stateful_lstm")) {
                    model.resetStates();
                    for (Fixtures.Array call : c.inputs()) got.addAll(Fixtures.run(model, List.of(call)));
                } else {
                    got = Fixtures.run(model, c.inputs());
                }
                assertEquals(c.outputs().size(), got.size(), name + " " + c.name() + ": number of outputs");
                for (int i = 0; i < got.size(); i++) {
                    double err = Fixtures.relativeError(got.get(i), c.outputs().get(i).floats());
                    System.out.printf("parity %-20s %-6s case %-6s output %d: max relative error %.2e%n", name, ext, c.name(), i, err);
                    assertTrue(err <= 1e-5, name + ext + " case " + c.name() + " output " + i + ": relative error " + err + " > 1e-5");
                }
            }
        }
    }
}
