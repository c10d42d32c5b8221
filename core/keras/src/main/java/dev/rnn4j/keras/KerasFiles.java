package dev.rnn4j.keras;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.ModelWeights;
import dev.rnn4j.tensor.Shapes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras model files in and out. {@link #load} imports a Keras 3 {@code .keras} archive or a legacy {@code .h5}
 * file (format told by its first bytes) as an rnn4j model built on a backend, with Keras' weights and Keras'
 * semantics, so that it computes Keras' outputs; {@link #save} writes an rnn4j model as a file Keras loads.
 *
 * <pre>{@code
 * KerasFiles.Loaded k = KerasFiles.load(Path.of("imdb.keras"), Backends.cpu());
 * Model model = k.model();                       // built, Keras' weights; close() it when done
 * Tensor p = model.predict(scope, ids, 64);       // int32 ids [N, T], padded before or after (id 0 = padding)
 * k.notes().forEach(System.err::println);         // what rnn4j does not apply when training (dropout inside LSTMs, ...)
 * KerasFiles.save(model, Path.of("tuned.keras")); // back to Keras
 * }</pre>
 */
public final class KerasFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasFiles() {
    }

    /**
     * An imported model.
     *
     * @param model        built on the backend, with the file's weights
     * @param format       KERAS (a .keras archive) or HDF5 (a legacy .h5 file)
     * @param kerasVersion the Keras version that wrote the file, or "" when it does not say
     * @param notes        options rnn4j accepted but does not apply when training (each names the layer and option)
     * @param training     the file's compile config (loss, optimizer, metrics) as Keras wrote it, or null
     */
    public record Loaded(Model model, ModelFormat format, String kerasVersion, List<String> notes, JsonNode training) {
    }

    /** Imports {@code file} (.keras or legacy .h5) onto {@code backend}; nothing is kept when it fails. */
    public static Loaded load(Path file, Backend backend) throws IOException {
        ModelFormat format = ModelFormat.detect(file);
        long size = Files.size(file);
        String source = file.toString();
        JsonNode modelConfig;
        JsonNode training;
        String version;
        KerasConfig config;
        java.util.Map<String, List<Hdf5.Array>> weights;
        switch (format) {
            case KERAS -> {
                Archive.Contents c = Archive.read(file);
                JsonNode root = json(c.config(), source + " (config.json)");
                modelConfig = root;
                training = root.get("compile_config");
                version = c.metadata() == null ? "" : json(c.metadata(), source + " (metadata.json)").path("keras_version").asText("");
                config = KerasConfig.parse(modelConfig, source);
                KerasConfig parsed = config;
                weights = Hdf5.read(source + " (model.weights.h5)", c.weights(), h5 -> KerasWeightsReader.archive(h5, parsed));
            }
            case HDF5 -> {
                String[] attrs = Hdf5.read(file, size, h5 -> new String[] {
                        Hdf5.string(h5.root(), "model_config", source), Hdf5.string(h5.root(), "training_config", source), Hdf5.string(h5.root(), "keras_version", source)});
                if (attrs[0] == null) throw new IllegalArgumentException(source + " has no model_config attribute: a weights-only .h5 file has no model to import");
                modelConfig = json(attrs[0].getBytes(StandardCharsets.UTF_8), source + " (model_config)");
                training = attrs[1] == null ? null : json(attrs[1].getBytes(StandardCharsets.UTF_8), source + " (training_config)");
                version = attrs[2] == null ? "" : attrs[2];
                config = KerasConfig.parse(modelConfig, source);
                KerasConfig parsed = config;
                weights = Hdf5.read(file, size, h5 -> KerasWeightsReader.legacy(h5, parsed));
            }
            default -> throw new IllegalArgumentException(source + " is neither a .keras archive (zip) nor an HDF5 file (.h5); for rnn4j checkpoints use Checkpoint.load");
        }
        List<String> notes = new ArrayList<>();
        Model model = ModelImporter.importModel(source, config, notes);
        try {
            model.build(backend, 0);
            setWeights(source, model, config, weights);
            return new Loaded(model, format, version, List.copyOf(notes), training);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Writes {@code model} as a file Keras 3 loads with {@code keras.saving.load_model}: a {@code .keras} archive or,
     * for a {@code .h5} name, a legacy HDF5 file. Refused, with the reason, when a layer has no Keras counterpart or
     * Keras would compute it differently; a model with stateful layers needs {@link #save(Model, Path, int)}.
     */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, 0);
    }

    /** {@link #save(Model, Path)} with the fixed batch size Keras needs for stateful layers ({@code batchSize} 0: none). */
    public static void save(Model model, Path file, int batchSize) throws IOException {
        if (batchSize < 0) throw new IllegalArgumentException("batch size must be >= 0, got " + batchSize);
        ModelFormat format = ModelFormat.forExtension(file);
        if (format != ModelFormat.KERAS && format != ModelFormat.HDF5) {
            throw new IllegalArgumentException(file + ": Keras files end in .keras (Keras 3 archive) or .h5 (legacy HDF5)");
        }
        KerasExporter.Exported e = KerasExporter.export(model, batchSize);
        if (format == ModelFormat.KERAS) {
            ObjectNode metadata = JSON.createObjectNode().put("keras_version", KerasWeightsWriter.KERAS_VERSION).put("date_saved", java.time.LocalDateTime.now().toString())
                    .put("writer", "rnn4j");
            Archive.write(file, JSON.writeValueAsString(e.config()), JSON.writeValueAsString(metadata), KerasWeightsWriter.archiveWeights(e));
        } else {
            KerasWeightsWriter.legacy(file, JSON.writeValueAsString(e.config()), e);
        }
    }

    private static void setWeights(String source, Model model, KerasConfig config, Map<String, List<Hdf5.Array>> weights) {
        for (KerasConfig.Entry e : config.entries) {
            if (e.op() || e.className().equals("InputLayer")) continue;
            List<ModelWeights.Weight> want = ModelWeights.get(model, e.name());
            List<Hdf5.Array> got = weights.getOrDefault(e.name(), List.of());
            if (got.size() != want.size()) {
                throw new IllegalArgumentException(source + ": layer '" + e.name() + "' (" + e.className() + ") has " + got.size() + " weight arrays in the file, rnn4j expects "
                        + want.size() + " " + want);
            }
            List<float[]> values = new ArrayList<>();
            for (int i = 0; i < want.size(); i++) {
                if (!Arrays.equals(want.get(i).shape(), got.get(i).shape())) {
                    throw new IllegalArgumentException(source + ": weight " + want.get(i).name() + " of layer '" + e.name() + "' (" + e.className() + ") is "
                            + Shapes.toString(got.get(i).shape()) + " in the file, the layer's config makes it " + Shapes.toString(want.get(i).shape()));
                }
                values.add(got.get(i).values());
            }
            ModelWeights.set(model, e.name(), values);
        }
    }

    private static JsonNode json(byte[] bytes, String what) {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) throw new IllegalArgumentException(what + " is not a JSON object");
            return n;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read: " + e.getMessage());
        }
    }
}
