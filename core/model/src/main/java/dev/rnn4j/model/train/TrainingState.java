package dev.rnn4j.model.train;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint needs to resume training exactly: the optimizer's config and iteration count, the loss,
 * the model's pass counter (dropout streams) as a JSON-ready map, and the optimizer's slot tensors by name.
 */
public final class TrainingState {

    private TrainingState() {
    }

    /** The state of a compiled model, or null when it is not compiled. Slot tensors are the live ones (not copies). */
    public static Captured capture(Model model) {
        Trainer trainer = model.trainer();
        if (trainer == null) return null;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("optimizer", trainer.optimizer().config());
        config.put("iterations", trainer.optimizer().iterations());
        config.put("loss", trainer.loss().config());
        config.put("pass_counter", model.passCounter());
        return new Captured(config, trainer.optimizer().state());
    }

    /** The JSON-ready config and the optimizer slots. */
    public record Captured(Map<String, Object> config, Map<String, Tensor> slots) {
    }

    /**
     * Compiles {@code model} (built) with the optimizer and loss described by {@code config}, the optimizer's
     * slots and iteration count restored from {@code slots}, and {@code metrics} attached.
     * Throws IllegalArgumentException or ClassCastException on a malformed config.
     */
    @SuppressWarnings("unchecked")
    public static void restore(Model model, Backend backend, Map<String, Object> config, Map<String, Tensor> slots, Metric... metrics) {
        Optimizer optimizer = Optimizers.fromConfig((Map<String, Object>) config.get("optimizer"));
        optimizer.loadState(backend, model.parameters(), slots, ((Number) config.get("iterations")).longValue());
        model.compile(optimizer, Losses.fromConfig((Map<String, Object>) config.get("loss")), metrics);
        model.passCounter(((Number) config.get("pass_counter")).longValue());
    }
}
