package dev.rnn4j.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.train.Metric;
import dev.rnn4j.model.train.TrainingState;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One safetensors file per checkpoint: the parameters under their PyTorch-style names, the optimizer slots
 * under "optimizer.&lt;param&gt;.&lt;slot&gt;", and in the metadata the model config JSON ("rnn4j.model"), the
 * training state JSON ("rnn4j.training": optimizer config and iteration count, loss, pass counter) and the
 * caller's extras ("extra.&lt;key&gt;", e.g. the tokenizer's JSON). Loading rebuilds the model on a backend and,
 * when training state is present, compiles it with the restored optimizer so that training resumes exactly.
 */
public final class Checkpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPTIMIZER_PREFIX = "optimizer.";

    private Checkpoint() {
    }

    /** A loaded model (built on the backend, compiled when the file had training state) and the extras. */
    public record Loaded(Model model, Map<String, String> extras) {
    }

    public static void save(Path file, Model model, Map<String, String> extras) throws IOException {
        Backend backend = model.backend();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "rnn4j-checkpoint/1");
        metadata.put("rnn4j.model", JSON.writeValueAsString(ModelConfig.describe(model)));
        metadata.put("rnn4j.seed", Long.toString(model.seed()));
        try (TensorScope host = TensorScope.open()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Parameter p : model.parameters()) tensors.put(p.name(), toHost(backend, host, p.value()));
            TrainingState.Captured training = TrainingState.capture(model);
            if (training != null) {
                metadata.put("rnn4j.training", JSON.writeValueAsString(training.config()));
                for (var e : training.slots().entrySet()) tensors.put(OPTIMIZER_PREFIX + e.getKey(), toHost(backend, host, e.getValue()));
            }
            for (var e : extras.entrySet()) metadata.put("extra." + e.getKey(), e.getValue());
            SafeTensors.write(file, tensors, metadata);
        }
    }

    /**
     * Loads {@code file} onto {@code backend}; {@code metrics} are attached when the model is compiled from the file.
     * A file that is not a valid checkpoint is an IllegalArgumentException naming it and what is wrong.
     */
    public static Loaded load(Path file, Backend backend, Metric... metrics) throws IOException {
        try (TensorScope host = TensorScope.open()) {
            SafeTensors.Contents contents = SafeTensors.read(file, host);
            try {
                return restore(contents, backend, metrics);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(file + " is corrupted: bad JSON in its metadata (" + e.getOriginalMessage() + ")");
            } catch (ClassCastException | NullPointerException e) {
                throw new IllegalArgumentException(file + " is corrupted: unexpected metadata structure (" + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The model of {@code contents}, closed again if anything after its build fails. */
    @SuppressWarnings("unchecked")
    private static Loaded restore(SafeTensors.Contents contents, Backend backend, Metric... metrics) throws IOException {
        Map<String, String> meta = contents.metadata();
        String modelJson = meta.get("rnn4j.model");
        if (modelJson == null) throw new IllegalArgumentException("not an rnn4j checkpoint: no rnn4j.model metadata");
        Model model = ModelConfig.rebuild(JSON.readValue(modelJson, Map.class));
        try {
            // the file holds every parameter, so a config asking for more weights than its tensors is corrupted
            model.build(backend, seed(meta), parameterElements(contents.tensors()));
            Map<String, Tensor> optimizerState = new HashMap<>();
            Map<String, Parameter> params = new HashMap<>();
            for (Parameter p : model.parameters()) params.put(p.name(), p);
            for (var e : contents.tensors().entrySet()) {
                if (e.getKey().startsWith(OPTIMIZER_PREFIX)) {
                    optimizerState.put(e.getKey().substring(OPTIMIZER_PREFIX.length()), e.getValue());
                    continue;
                }
                Parameter p = params.remove(e.getKey());
                if (p == null) throw new IllegalArgumentException("tensor '" + e.getKey() + "' is not a parameter of the model");
                if (!java.util.Arrays.equals(p.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("tensor '" + e.getKey() + "' is " + e.getValue().describe() + ", the model expects " + p.value().describe());
                }
                backend.copy(e.getValue(), p.value());
            }
            if (!params.isEmpty()) throw new IllegalArgumentException("lacks parameters " + params.keySet());
            String trainingJson = meta.get("rnn4j.training");
            if (trainingJson != null) {
                TrainingState.restore(model, backend, JSON.readValue(trainingJson, Map.class), optimizerState, metrics);
            }
            Map<String, String> extras = new LinkedHashMap<>();
            meta.forEach((k, v) -> {
                if (k.startsWith("extra.")) extras.put(k.substring("extra.".length()), v);
            });
            return new Loaded(model, extras);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static long seed(Map<String, String> meta) {
        String seed = meta.getOrDefault("rnn4j.seed", "0");
        try {
            return Long.parseLong(seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rnn4j.seed '" + seed + "' is not an integer");
        }
    }

    /** Elements of the tensors that are not optimizer state: the most weights the file's model can have. */
    private static long parameterElements(Map<String, Tensor> tensors) {
        long n = 0;
        for (var e : tensors.entrySet()) if (!e.getKey().startsWith(OPTIMIZER_PREFIX)) n += e.getValue().elementCount();
        return n;
    }

    private static Tensor toHost(Backend backend, TensorScope host, Tensor t) {
        Tensor h = host.allocate(t.dtype(), t.shape());
        backend.copy(t, h);
        return h;
    }

    static List<String> names(Model model) {
        return model.parameters().stream().map(Parameter::name).toList();
    }
}
