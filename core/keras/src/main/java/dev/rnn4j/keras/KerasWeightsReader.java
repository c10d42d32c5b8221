package dev.rnn4j.keras;

import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of each Keras layer, in the layer's order (Keras' layer.weights), read from model.weights.h5 of a
 * .keras archive or from the model_weights group of a legacy .h5 file.
 */
final class KerasWeightsReader {

    private KerasWeightsReader() {
    }

    /**
     * A .keras archive's weights: Keras 3 stores each layer under "layers/NAME" where NAME is the layer's class in
     * snake case, numbered in model order ("lstm", "lstm_1", ...; a Sequential model's InputLayer has none), its
     * arrays in "vars/0", "vars/1", ... (recurrent layers under "cell/vars", Bidirectional under
     * "forward_layer/cell/vars" then "backward_layer/cell/vars").
     */
    static Map<String, List<Hdf5.Array>> archive(Hdf5 h5, KerasConfig config) {
        Map<String, List<Hdf5.Array>> out = new HashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (KerasConfig.Entry e : config.entries) {
            if (e.op() || (config.sequential && e.className().equals("InputLayer"))) continue;
            String base = snakeCase(e.className());
            int n = used.merge(base, 1, Integer::sum) - 1;
            String path = "layers/" + (n == 0 ? base : base + "_" + n);
            List<String> groups = switch (e.className()) {
                case "SimpleRNN", "LSTM", "GRU" -> List.of(path + "/cell/vars");
                case "Bidirectional" -> List.of(path + "/forward_layer/cell/vars", path + "/backward_layer/cell/vars");
                default -> List.of(path + "/vars");
            };
            List<Hdf5.Array> arrays = new ArrayList<>();
            for (String g : groups) arrays.addAll(vars(h5, g, e));
            out.put(e.name(), arrays);
        }
        return out;
    }

    private static List<Hdf5.Array> vars(Hdf5 h5, String path, KerasConfig.Entry e) {
        Group g = h5.group(path);
        if (g == null) return List.of();
        List<String> names = Hdf5.children(g);
        List<Hdf5.Array> arrays = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Node n = g.getChildren().get(Integer.toString(i));
            if (n == null) throw new IllegalArgumentException(h5.source() + ": " + path + " (weights of layer '" + e.name() + "') has entries " + names + ", not 0.." + (names.size() - 1));
            arrays.add(h5.floats(n, path + "/" + i + " (weight " + i + " of layer '" + e.name() + "')"));
        }
        return arrays;
    }

    /** A legacy .h5 file's weights: group model_weights/NAME lists its datasets in the attribute weight_names. */
    static Map<String, List<Hdf5.Array>> legacy(Hdf5 h5, KerasConfig config) {
        Group root = h5.group("model_weights");
        if (root == null) throw new IllegalArgumentException(h5.source() + " has no model_weights group (a file written by save_weights has no model config to import)");
        Map<String, List<Hdf5.Array>> out = new HashMap<>();
        for (KerasConfig.Entry e : config.entries) {
            if (e.op()) continue;
            List<Hdf5.Array> arrays = new ArrayList<>();
            Node g = root.getChildren().get(e.name());
            if (g instanceof Group group) {
                List<String> names = Hdf5.strings(group, "weight_names", h5.source());
                for (String w : names == null ? List.<String>of() : names) {
                    Node d = Hdf5.node(group, w);
                    if (d == null) throw new IllegalArgumentException(h5.source() + ": weight " + w + " of layer '" + e.name() + "' is listed but missing");
                    arrays.add(h5.floats(d, "model_weights/" + e.name() + "/" + w));
                }
            }
            out.put(e.name(), arrays);
        }
        return out;
    }

    /** Keras' naming.to_snake_case. */
    static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
