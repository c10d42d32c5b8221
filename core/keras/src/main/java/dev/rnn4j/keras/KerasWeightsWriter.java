package dev.rnn4j.keras;

import dev.rnn4j.model.ModelWeights;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes exported weights with jHDF: model.weights.h5 of a .keras archive, or a legacy .h5 file. */
final class KerasWeightsWriter {

    /** The Keras version whose file layout rnn4j writes (and with which the round trip was checked). */
    static final String KERAS_VERSION = "3.15.1";

    private KerasWeightsWriter() {
    }

    /**
     * model.weights.h5: "layers/NAME/vars/i" per layer in Keras' order (see {@link KerasWeightsReader#archive}). Keras
     * also writes an empty "vars" group for every layer and level without weights; those are left out (Keras reads a
     * missing group as no weights) because jHDF 0.9.4 to 0.13.0 write some empty groups with a corrupt object header.
     */
    static byte[] archiveWeights(KerasExporter.Exported e) throws IOException {
        Path tmp = Files.createTempFile("rnn4j-keras-weights", ".h5");
        try {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                WritableGroup layers = f.putGroup("layers");
                Map<String, Integer> used = new HashMap<>();
                for (KerasExporter.Op op : e.layersInKerasOrder()) {
                    String base = KerasWeightsReader.snakeCase(op.className());
                    int n = used.merge(base, 1, Integer::sum) - 1;
                    List<ModelWeights.Weight> w = e.weights().getOrDefault(op.name(), List.of());
                    if (w.isEmpty()) continue;
                    WritableGroup g = layers.putGroup(n == 0 ? base : base + "_" + n);
                    switch (op.className()) {
                        case "SimpleRNN", "LSTM", "GRU" -> vars(g.putGroup("cell").putGroup("vars"), w);
                        case "Bidirectional" -> {
                            int half = forwardCount(op);
                            vars(g.putGroup("forward_layer").putGroup("cell").putGroup("vars"), w.subList(0, half));
                            vars(g.putGroup("backward_layer").putGroup("cell").putGroup("vars"), w.subList(half, w.size()));
                        }
                        default -> vars(g.putGroup("vars"), w);
                    }
                }
            }
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** How many of a Bidirectional's weights are its forward layer's (2 or 3: with or without a bias). */
    private static int forwardCount(KerasExporter.Op op) {
        var b = (dev.rnn4j.model.layers.Bidirectional) op.layer();
        return b.forwardLayer().biasMode() == dev.rnn4j.rnn.RnnBiasMode.NO_BIAS ? 2 : 3;
    }

    private static void vars(WritableGroup vars, List<ModelWeights.Weight> w) {
        for (int i = 0; i < w.size(); i++) vars.putDataset(Integer.toString(i), nested(w.get(i)));
    }

    /** A legacy .h5 file: the config in the model_config attribute, weights under model_weights/LAYER/&lt;weight name&gt;. */
    static void legacy(Path file, String modelConfig, KerasExporter.Exported e) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.putAttribute("keras_version", KERAS_VERSION);
                f.putAttribute("backend", "tensorflow");
                f.putAttribute("model_config", modelConfig);
                WritableGroup weights = f.putGroup("model_weights");
                weights.putAttribute("keras_version", KERAS_VERSION);
                weights.putAttribute("backend", "tensorflow");
                List<KerasExporter.Op> weighted = e.layersInKerasOrder().stream().filter(op -> !e.weights().getOrDefault(op.name(), List.of()).isEmpty()).toList();
                if (weighted.isEmpty()) throw new IllegalArgumentException("the model has no weights to export");
                weights.putAttribute("layer_names", weighted.stream().map(KerasExporter.Op::name).toArray(String[]::new));
                for (KerasExporter.Op op : weighted) {
                    List<ModelWeights.Weight> w = e.weights().get(op.name());
                    WritableGroup g = weights.putGroup(op.name());
                    g.putAttribute("weight_names", w.stream().map(ModelWeights.Weight::name).toArray(String[]::new));
                    for (ModelWeights.Weight x : w) put(g, x.name(), nested(x));
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A dataset at a '/'-separated path below {@code g}, making the groups on the way. */
    private static void put(WritableGroup g, String path, Object data) {
        String[] parts = path.split("/");
        WritableGroup at = g;
        for (int i = 0; i < parts.length - 1; i++) {
            var child = at.getChild(parts[i]);
            at = child instanceof WritableGroup wg ? wg : at.putGroup(parts[i]);
        }
        at.putDataset(parts[parts.length - 1], data);
    }

    /** Row-major values as the nested Java array jHDF writes (a Float for a scalar). */
    static Object nested(ModelWeights.Weight w) {
        long[] shape = w.shape();
        float[] v = w.values();
        if (shape.length == 0) return v[0];
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) dims[i] = Math.toIntExact(shape[i]);
        Object array = Array.newInstance(float.class, dims);
        fill(array, dims, 0, v, new int[] {0});
        return array;
    }

    private static void fill(Object array, int[] dims, int axis, float[] v, int[] next) {
        if (axis == dims.length - 1) {
            float[] row = (float[]) array;
            System.arraycopy(v, next[0], row, 0, row.length);
            next[0] += row.length;
            return;
        }
        for (int i = 0; i < dims[axis]; i++) fill(Array.get(array, i), dims, axis + 1, v, next);
    }
}
