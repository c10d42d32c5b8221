package dev.rnn4j.keras;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Keras fixtures of src/test/resources/keras-fixtures (made by src/test/python/make_fixtures.py with Keras
 * itself): NAME.keras, NAME.h5, and NAME.expected.h5 with the inputs of each case and the outputs Keras computed.
 */
final class Fixtures {

    static final List<String> NAMES = List.of("imdb_lstm", "bigru_pool", "char_lm", "simple_rnn_masking", "lstm_states", "gru_backwards", "bidi_modes",
            "conv_pool", "attention", "stateful_lstm", "initial_state", "dense_mlp", "no_bias_rnn");

    private Fixtures() {
    }

    /** (name, extension) for every fixture as .keras and as .h5, for parameterized tests. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> withExtensions() {
        return NAMES.stream().flatMap(n -> java.util.stream.Stream.of(".keras", ".h5").map(e -> org.junit.jupiter.params.provider.Arguments.of(n, e)));
    }

    static Path dir() {
        try {
            return Path.of(Fixtures.class.getResource("/keras-fixtures/VERSIONS.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    /** An array read from a fixture: int32 (token ids) or float32 values and the shape. */
    record Array(long[] shape, int[] ints, float[] floats) {
        Tensor tensor(TensorScope scope) {
            return ints != null ? scope.fromIntArray(ints, shape) : scope.fromArray(floats, shape);
        }
    }

    /** One case: its padding ("post", "pre", "none"), the model inputs, and Keras' outputs. */
    record Case(String name, String padding, List<Array> inputs, List<Array> outputs) {
    }

    static List<Case> cases(String fixture) {
        try (HdfFile f = new HdfFile(file(fixture + ".expected.h5"))) {
            List<Case> out = new ArrayList<>();
            for (Node c : (Group) f.getChild("cases")) {
                Group g = (Group) c;
                out.add(new Case(c.getName(), String.valueOf(c.getAttribute("padding").getData()), arrays((Group) g.getChild("inputs")), arrays((Group) g.getChild("outputs"))));
            }
            return out;
        }
    }

    /** A dataset of the expected file outside /cases (train/x, generation/greedy, ...). */
    static Array array(String fixture, String path) {
        try (HdfFile f = new HdfFile(file(fixture + ".expected.h5"))) {
            return array(f.getDatasetByPath(path));
        }
    }

    static String attribute(String fixture, String name) {
        try (HdfFile f = new HdfFile(file(fixture + ".expected.h5"))) {
            return String.valueOf(f.getAttribute(name).getData());
        }
    }

    private static List<Array> arrays(Group g) {
        Map<Integer, Array> byIndex = new TreeMap<>();
        for (Node n : g) byIndex.put(Integer.parseInt(n.getName()), array((Dataset) n));
        return List.copyOf(byIndex.values());
    }

    private static Array array(Dataset d) {
        Object flat = d.getDataFlat();
        long[] shape = d.getDimensionsAsLong();
        if (flat instanceof int[] i) return new Array(shape, i, null);
        if (flat instanceof long[] l) {
            int[] i = new int[l.length];
            for (int k = 0; k < l.length; k++) i[k] = Math.toIntExact(l[k]);
            return new Array(shape, i, null);
        }
        if (flat instanceof float[] v) return new Array(shape, null, v);
        if (flat instanceof double[] v) {
            float[] f = new float[v.length];
            for (int k = 0; k < v.length; k++) f[k] = (float) v[k];
            return new Array(shape, null, f);
        }
        throw new IllegalStateException("unexpected fixture data " + flat.getClass());
    }

    /** The model's outputs on {@code inputs} (inference), as host arrays. */
    static List<float[]> run(Model model, List<Array> inputs) {
        try (TensorScope scope = TensorScope.open(); GradientTape tape = model.tape(false)) {
            List<Variable> in = new ArrayList<>();
            for (Array a : inputs) in.add(tape.constant(a.tensor(scope)));
            List<float[]> out = new ArrayList<>();
            for (Variable v : model.call(tape, in)) out.add(HostData.floats(model.backend(), v.value()));
            return out;
        }
    }

    /** max |got - want| / max |want|. */
    static double relativeError(float[] got, float[] want) {
        if (got.length != want.length) throw new AssertionError("got " + got.length + " values, Keras gave " + want.length);
        double diff = 0, scale = 0;
        for (int i = 0; i < want.length; i++) {
            diff = Math.max(diff, Math.abs((double) got[i] - want[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return diff / Math.max(scale, 1e-30);
    }
}
