package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.layers.Bidirectional;
import dev.rnn4j.model.layers.Dense;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.layers.SequenceAttention;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.rnn.KerasRnnWeights;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A built model's weights in Keras' order, shapes and layouts: {@code get}/{@code set} are Keras'
 * {@code model.get_weights()}/{@code set_weights()} (every layer in model order, each layer's weights in Keras'
 * order), and the same per layer and by name ("layer/weight", e.g. "lstm/kernel", "bidirectional/backward/bias").
 * The conversions, so that nobody copies slices into a flat RNN weight space by hand:
 * <ul>
 * <li>Embedding: embeddings [input_dim, output_dim] (rnn4j's weight as it is);</li>
 * <li>Dense: kernel [in, units] (rnn4j's weight [units, in] transposed), bias [units];</li>
 * <li>Conv1D: kernel [kernel_size, in, filters], bias [filters] (as they are);</li>
 * <li>LSTM, GRU, SimpleRNN: kernel [in, gates·units], recurrent_kernel [units, gates·units] and, unless the bias mode
 * is NO_BIAS, bias: [gates·units] (LSTM, SimpleRNN: the sum of rnn4j's two biases; set puts it into the input bias
 * and zeroes the recurrent one) or [2, 3·units] (GRU: input and recurrent bias); Keras' gate order (LSTM i, f, c, o;
 * GRU z, r, h), see {@link KerasRnnWeights};</li>
 * <li>Bidirectional: the forward layer's weights, then the backward layer's ("forward/…", "backward/…");</li>
 * <li>Keras' Attention and AdditiveAttention ({@link SequenceAttention}): scale (shape [] for dot and concat scores,
 * [dim] for additive ones), concat_score_weight [];</li>
 * <li>any other layer: its parameters as they are, under their rnn4j names.</li>
 * </ul>
 * Values are row-major float arrays on the host; {@code set} checks every shape and copies to the model's device.
 */
public final class ModelWeights {

    /** One weight: its Keras name ("layer/weight"), Keras shape and row-major values. */
    public record Weight(String name, long[] shape, float[] values) {
        public Weight {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(values, "values");
            if (Shapes.elementCount(shape) != values.length) {
                throw new IllegalArgumentException("weight " + name + " has " + values.length + " values for shape " + Shapes.toString(shape));
            }
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public String toString() {
            return name + Shapes.toString(shape);
        }
    }

    private ModelWeights() {
    }

    /** Every layer's weights in model order (Keras' model.get_weights()). */
    public static List<Weight> get(Model model) {
        model.requireBuilt();
        List<Weight> all = new ArrayList<>();
        for (Layer l : model.layers()) all.addAll(get(model.backend(), l));
        return all;
    }

    /** One layer's weights in Keras' order (Keras' layer.get_weights()). */
    public static List<Weight> get(Model model, String layer) {
        model.requireBuilt();
        return get(model.backend(), model.layer(layer));
    }

    /** Every weight by its name, in model order. */
    public static Map<String, Weight> byName(Model model) {
        Map<String, Weight> m = new LinkedHashMap<>();
        for (Weight w : get(model)) m.put(w.name(), w);
        return m;
    }

    /** Sets every weight (Keras' model.set_weights()): {@code values} in the order and shapes of {@link #get(Model)}. */
    public static void set(Model model, List<float[]> values) {
        List<Weight> current = get(model);
        if (values.size() != current.size()) {
            throw new IllegalArgumentException("the model has " + current.size() + " weights " + current + ", got " + values.size() + " arrays");
        }
        int i = 0;
        for (Layer l : model.layers()) {
            int n = get(model.backend(), l).size();
            set(model, l.name(), values.subList(i, i + n));
            i += n;
        }
    }

    /** Sets the weights of one layer (Keras' layer.set_weights()), in the order and shapes of {@link #get(Model, String)}. */
    public static void set(Model model, String layer, List<float[]> values) {
        model.requireBuilt();
        Layer l = model.layer(layer);
        List<Weight> current = get(model.backend(), l);
        if (values.size() != current.size()) {
            throw new IllegalArgumentException("layer " + layer + " (" + l.type() + ") has " + current.size() + " weights " + current + ", got " + values.size());
        }
        List<Weight> given = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Weight c = current.get(i);
            float[] v = Objects.requireNonNull(values.get(i), c.name());
            if (v.length != c.values().length) {
                throw new IllegalArgumentException("weight " + c.name() + " of layer " + layer + " (" + l.type() + ") must have shape " + Shapes.toString(c.shape())
                        + " (" + c.values().length + " values), got " + v.length + " values");
            }
            given.add(new Weight(c.name(), c.shape(), v));
        }
        put(model.backend(), l, given);
    }

    /** Sets the weights named in {@code byName} ("layer/weight"); every name must exist and every shape match. */
    public static void set(Model model, Map<String, float[]> byName) {
        Map<String, Weight> current = byName(model);
        for (String name : byName.keySet()) {
            if (!current.containsKey(name)) throw new IllegalArgumentException("the model has no weight '" + name + "'; weights: " + current.keySet());
        }
        for (Layer l : model.layers()) {
            List<Weight> mine = get(model.backend(), l);
            if (mine.stream().noneMatch(w -> byName.containsKey(w.name()))) continue;
            List<float[]> values = new ArrayList<>();
            for (Weight w : mine) values.add(byName.getOrDefault(w.name(), w.values()));
            set(model, l.name(), values);
        }
    }

    // ---- per layer ----

    private static List<Weight> get(Backend backend, Layer l) {
        String n = l.name();
        return switch (l) {
            case Dense d -> {
                Parameter w = param(d, "weight");
                List<Weight> out = new ArrayList<>(List.of(new Weight(n + "/kernel", reversed(w.shape()), transpose(values(backend, w), w.shape()))));
                if (has(d, "bias")) out.add(as(backend, param(d, "bias"), n + "/bias"));
                yield out;
            }
            case dev.rnn4j.model.layers.Embedding e -> List.of(as(backend, param(e, "weight"), n + "/embeddings"));
            case dev.rnn4j.model.layers.Conv1D c -> {
                List<Weight> out = new ArrayList<>(List.of(as(backend, param(c, "kernel"), n + "/kernel")));
                if (has(c, "bias")) out.add(as(backend, param(c, "bias"), n + "/bias"));
                yield out;
            }
            case Recurrent r -> recurrent(backend, r, n);
            case Bidirectional b -> {
                List<Weight> out = new ArrayList<>(recurrent(backend, b.forwardLayer(), n + "/forward"));
                out.addAll(recurrent(backend, b.backwardLayer(), n + "/backward"));
                yield out;
            }
            case SequenceAttention a -> {
                List<Weight> out = new ArrayList<>();
                for (Parameter p : a.parameters()) {
                    String local = local(a, p);
                    boolean scalar = local.equals("concat_score_weight") || a.score() != SequenceAttention.Score.ADDITIVE;
                    out.add(new Weight(n + "/" + local, scalar ? new long[0] : p.shape(), values(backend, p)));
                }
                yield out;
            }
            default -> l.parameters().stream().map(p -> as(backend, p, n + "/" + local(l, p))).toList();
        };
    }

    private static void put(Backend backend, Layer l, List<Weight> w) {
        switch (l) {
            case Dense d -> {
                Parameter weight = param(d, "weight");
                upload(backend, transpose(w.get(0).values(), reversed(weight.shape())), weight);
                if (w.size() > 1) upload(backend, w.get(1).values(), param(d, "bias"));
            }
            case Recurrent r -> putRecurrent(backend, r, w);
            case Bidirectional b -> {
                int f = recurrent(backend, b.forwardLayer(), "").size();
                putRecurrent(backend, b.forwardLayer(), w.subList(0, f));
                putRecurrent(backend, b.backwardLayer(), w.subList(f, w.size()));
            }
            default -> {
                List<Parameter> ps = l.parameters();
                for (int i = 0; i < ps.size(); i++) upload(backend, w.get(i).values(), ps.get(i));
            }
        }
    }

    private static List<Weight> recurrent(Backend backend, Recurrent r, String prefix) {
        RnnDescriptor d = r.descriptor();
        KerasRnnWeights.KerasCell cell = KerasRnnWeights.toKeras(d, weightSpace(backend, r), 0, 0);
        List<Weight> out = new ArrayList<>();
        out.add(new Weight(prefix + "/kernel", KerasRnnWeights.kernelShape(d, 0), cell.kernel()));
        out.add(new Weight(prefix + "/recurrent_kernel", KerasRnnWeights.recurrentKernelShape(d), cell.recurrentKernel()));
        if (cell.bias() != null) out.add(new Weight(prefix + "/bias", KerasRnnWeights.biasShape(d), cell.bias()));
        return out;
    }

    private static void putRecurrent(Backend backend, Recurrent r, List<Weight> w) {
        RnnDescriptor d = r.descriptor();
        float[] space = new float[Math.toIntExact(d.weightLayout().size())];
        KerasRnnWeights.fromKeras(d, new KerasRnnWeights.KerasCell(w.get(0).values(), w.get(1).values(), w.size() > 2 ? w.get(2).values() : null), 0, 0, space);
        RnnWeightLayout layout = d.weightLayout();
        for (Parameter p : r.parameters()) {
            long offset = offset(layout, local(r, p));
            upload(backend, Arrays.copyOfRange(space, (int) offset, (int) (offset + p.value().elementCount())), p);
        }
    }

    /** The flat weight space of a recurrent layer, assembled from its parameter views. */
    private static float[] weightSpace(Backend backend, Recurrent r) {
        RnnWeightLayout layout = r.descriptor().weightLayout();
        float[] space = new float[Math.toIntExact(layout.size())];
        for (Parameter p : r.parameters()) {
            float[] v = values(backend, p);
            System.arraycopy(v, 0, space, (int) offset(layout, local(r, p)), v.length);
        }
        return space;
    }

    private static long offset(RnnWeightLayout layout, String local) {
        return switch (local) {
            case "weight_ih_l0" -> layout.inputWeightOffset(0, 0);
            case "weight_hh_l0" -> layout.recurrentWeightOffset(0, 0);
            case "bias_ih_l0" -> layout.inputBiasOffset(0, 0);
            case "bias_hh_l0" -> layout.recurrentBiasOffset(0, 0);
            default -> throw new IllegalStateException("unexpected recurrent parameter " + local);
        };
    }

    // ---- helpers ----

    private static String local(Layer l, Parameter p) {
        return p.name().startsWith(l.name() + ".") ? p.name().substring(l.name().length() + 1) : p.name();
    }

    private static boolean has(Layer l, String local) {
        return l.parameters().stream().anyMatch(p -> local(l, p).equals(local));
    }

    private static Parameter param(Layer l, String local) {
        return l.parameters().stream().filter(p -> local(l, p).equals(local)).findFirst()
                .orElseThrow(() -> new IllegalStateException("layer " + l.name() + " has no parameter " + local));
    }

    private static Weight as(Backend backend, Parameter p, String name) {
        return new Weight(name, p.shape(), values(backend, p));
    }

    private static float[] values(Backend backend, Parameter p) {
        return HostData.floats(backend, p.value());
    }

    private static void upload(Backend backend, float[] values, Parameter p) {
        try (TensorScope host = TensorScope.open()) {
            Tensor t = host.fromArray(values, p.shape());
            backend.copy(t, p.value());
        }
    }

    private static long[] reversed(long[] shape) {
        return new long[] {shape[1], shape[0]};
    }

    /** The transpose of a row-major [rows, cols] matrix. */
    private static float[] transpose(float[] m, long[] shape) {
        int rows = (int) shape[0], cols = (int) shape[1];
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        return t;
    }
}
