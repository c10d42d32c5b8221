package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged and unsupported Keras files fail cleanly: one IllegalArgumentException (or IOException) whose message
 * names the file and what is wrong (the layer, its class and the option for what rnn4j does not import), never
 * another exception, a JVM error or a half-built model.
 */
class CorruptedFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Backend backend = Backends.cpu();

    @TempDir
    Path dir;

    /** Loads {@code file}: it must fail with a clear exception whose message contains every {@code part}. */
    private String rejects(Path file, String... parts) {
        try {
            KerasFiles.load(file, backend).model().close();
        } catch (IllegalArgumentException | IOException e) {
            for (String p : parts) assertTrue(e.getMessage() != null && e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
            return e.getMessage();
        } catch (RuntimeException | Error e) {
            throw new AssertionError(file + " failed with " + e + " instead of a clear error", e);
        }
        fail(file + " loaded, but should have been rejected");
        return null;
    }

    /** Loads or rejects {@code file}; only a clear error is allowed. */
    private boolean loadsOrRejectsCleanly(Path file) {
        try {
            KerasFiles.load(file, backend).model().close();
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(file + " failed with " + e + " instead of a clear error", e);
        }
    }

    @Test
    void gruWithResetBeforeIsRejectedWithTheReason() {
        for (String ext : new String[] {".keras", ".h5"}) {
            rejects(Fixtures.file("gru_reset_before" + ext), "layer 'gru", "(GRU)", "reset_after=false", "retrain with reset_after=True");
        }
    }

    @Test
    void truncatedFilesAreRejectedOrLoseOnlyWhatIsNotRead() throws IOException {
        for (String name : new String[] {"imdb_lstm", "attention", "bidi_modes"}) {
            for (String ext : new String[] {".keras", ".h5"}) {
                byte[] all = Files.readAllBytes(Fixtures.file(name + ext));
                for (int k = 1; k <= 12; k++) {
                    Path cut = dir.resolve(name + k + ext);
                    Files.write(cut, java.util.Arrays.copyOf(all, (int) ((long) all.length * k / 13)));
                    if (ext.equals(".keras")) {
                        rejects(cut, cut.toString()); // the zip's directory is at its end
                        continue;
                    }
                    // a legacy .h5 keeps the optimizer's weights last: cut there, the model's weights are whole
                    try (var model = KerasFiles.load(cut, backend).model()) {
                        Fixtures.Case c = Fixtures.cases(name).getFirst();
                        float[] got = Fixtures.run(model, c.inputs()).getFirst();
                        assertTrue(Fixtures.relativeError(got, c.outputs().getFirst().floats()) <= 1e-5, cut + " loaded with damaged weights");
                    } catch (IllegalArgumentException e) {
                        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void flippedBytesLoadOrFailCleanly() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        int rejected = 0, trials = 0;
        for (String name : new String[] {"lstm_states", "conv_pool"}) {
            for (String ext : new String[] {".keras", ".h5"}) {
                byte[] all = Files.readAllBytes(Fixtures.file(name + ext));
                for (int t = 0; t < 40; t++) {
                    byte[] bad = all.clone();
                    for (int k = 0; k < 4; k++) bad[rng.nextInt(bad.length)] ^= (byte) (1 + rng.nextInt(255));
                    Path f = dir.resolve("flip" + t + ext);
                    Files.write(f, bad);
                    trials++;
                    if (!loadsOrRejectsCleanly(f)) rejected++;
                }
            }
        }
        System.out.println("flipped bytes: " + rejected + " of " + trials + " damaged files rejected, the rest loaded (damage in weight values or padding)");
    }

    @Test
    void notAKerasFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.keras"), "just some text");
        rejects(text, "neither a .keras archive (zip) nor an HDF5 file");
        Path zip = dir.resolve("other.keras");
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        rejects(zip, "has no config.json");
    }

    /** A copy of the fixture archive with its config.json edited. */
    private Path editedConfig(String fixture, UnaryOperator<ObjectNode> edit) throws IOException {
        Path out = dir.resolve(fixture + "-edited.keras");
        try (ZipFile in = new ZipFile(Fixtures.file(fixture + ".keras").toFile()); OutputStream os = Files.newOutputStream(out); ZipOutputStream z = new ZipOutputStream(os)) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("config.json")) data = JSON.writeValueAsBytes(edit.apply((ObjectNode) JSON.readTree(data)));
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(data);
            }
        }
        return out;
    }

    private static ObjectNode layer(ObjectNode root, int index) {
        return (ObjectNode) root.path("config").path("layers").get(index);
    }

    @Test
    void unsupportedLayersAndOptionsNameTheLayerClassAndOption() throws IOException {
        rejects(editedConfig("imdb_lstm", r -> {
            ((ObjectNode) layer(r, 2).get("config")).put("activation", "relu");
            return r;
        }), "layer 'lstm' (LSTM)", "activation", "\"relu\"", "tanh");
        rejects(editedConfig("imdb_lstm", r -> {
            ((ObjectNode) layer(r, 2).get("config")).put("zoneout", 0.5);
            return r;
        }), "layer 'lstm' (LSTM)", "zoneout=0.5", "not supported");
        rejects(editedConfig("imdb_lstm", r -> {
            layer(r, 3).put("class_name", "LayerNormalization");
            return r;
        }), "layer 'dense'", "LayerNormalization", "it imports InputLayer, Embedding");
        rejects(editedConfig("conv_pool", r -> {
            ((ObjectNode) layer(r, 2).get("config")).putArray("dilation_rate").add(2);
            return r;
        }), "(Conv1D)", "dilation_rate", "dilation_rate=1");
        rejects(editedConfig("conv_pool", r -> {
            ((ObjectNode) layer(r, 2).get("config")).put("padding", "causal");
            return r;
        }), "(Conv1D)", "padding", "valid, same");
        rejects(editedConfig("imdb_lstm", r -> {
            ((ObjectNode) layer(r, 1).get("config")).put("dtype", "mixed_float16");
            return r;
        }), "layer 'embedding' (Embedding)", "dtype", "float32");
        rejects(editedConfig("imdb_lstm", r -> {
            r.put("class_name", "MyModel");
            return r;
        }), "MyModel", "Sequential and Functional");
    }

    @Test
    void weightsThatDoNotFitTheConfigAreRejected() throws IOException {
        rejects(editedConfig("imdb_lstm", r -> {
            ((ObjectNode) layer(r, 2).get("config")).put("units", 9);
            return r;
        }), "layer 'lstm' (LSTM)", "[8, 32] in the file", "[8, 36]");
        rejects(editedConfig("imdb_lstm", r -> {
            ((ObjectNode) layer(r, 1).get("config")).put("input_dim", 4_000_000);
            return r;
        }), "layer 'embedding' (Embedding)", "in the file");
    }

    @Test
    void entriesLargerThanTheArchiveCanHoldAreRejected() throws IOException {
        Path bomb = dir.resolve("bomb.keras");
        try (OutputStream os = Files.newOutputStream(bomb); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("config.json"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) z.write(spaces); // 64 MiB of spaces deflate to ~64 KiB
            z.putNextEntry(new ZipEntry("model.weights.h5"));
            z.write(new byte[8]);
        }
        rejects(bomb, "config.json", "an archive of");
    }
}
