package dev.rnn4j.keras;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets of the Keras importer (Jazzer). A normal test run replays the committed corpus in
 * src/test/resources/dev/rnn4j/keras/KerasFilesFuzzTestInputs/&lt;method&gt;/ (small valid files and damaged ones);
 * {@code JAZZER_FUZZ=1 ./mvnw test -pl core/keras -Dtest=KerasFilesFuzzTest} fuzzes. Whatever the bytes, the
 * importer must load a model or throw IllegalArgumentException/IOException; anything else is a finding.
 */
class KerasFilesFuzzTest {

    private static final Backend BACKEND = Backends.cpu();

    @FuzzTest(maxDuration = "60s")
    void load(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".keras");
        try {
            Files.write(file, data);
            KerasFiles.load(file, BACKEND).model().close();
        } catch (IllegalArgumentException | IOException expected) {
            // a clear rejection
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tokenizer(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".json");
        try {
            Files.write(file, data);
            KerasTokenizers.load(file);
        } catch (IllegalArgumentException | IOException expected) {
            // a clear rejection
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
