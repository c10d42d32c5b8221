package dev.rnn4j.model.train;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint needs to resume training exactly: the optimizer's config and iteration count, the loss
 * (with several trained outputs: the loss and weight of each, by output name), the model's pass counter
 * (dropout streams) as a JSON-ready map, and the optimizer's slot tensors by name.
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
        List<Trainer.Objective> objectives = trainer.objectives();
        if (objectives.size() == 1 && objectives.getFirst().weight() == 1.0 && model.outputs().size() == 1) {
            config.put("loss", objectives.getFirst().loss().config());
        } else {
            Map<String, Object> losses = new LinkedHashMap<>();
            Map<String, Object> weights = new LinkedHashMap<>();
            for (Trainer.Objective o : objectives) {
                losses.put(o.name(), o.loss().config());
                weights.put(o.name(), o.weight());
            }
            config.put("losses", losses);
            config.put("loss_weights", weights);
        }
        config.put("pass_counter", model.passCounter());
        return new Captured(config, trainer.optimizer().state());
    }

    /** The JSON-ready config and the optimizer slots. */
    public record Captured(Map<String, Object> config, Map<String, Tensor> slots) {
    }

    /**
     * Compiles {@code model} (built) with the optimizer and loss(es) described by {@code config}, the optimizer's
     * slots and iteration count restored from {@code slots}, and {@code metrics} attached (to the one trained
     * output; a model trained on several outputs takes none here: compile it again with
     * {@code model.trainer().optimizer()} and metrics per output). Throws IllegalArgumentException or
     * ClassCastException on a malformed config.
     */
    @SuppressWarnings("unchecked")
    public static void restore(Model model, Backend backend, Map<String, Object> config, Map<String, Tensor> slots, Metric... metrics) {
        Optimizer optimizer = Optimizers.fromConfig((Map<String, Object>) config.get("optimizer"));
        optimizer.loadState(backend, model.parameters(), slots, ((Number) config.get("iterations")).longValue());
        if (config.containsKey("losses")) {
            Map<String, Loss> losses = new LinkedHashMap<>();
            Map<String, Double> weights = new LinkedHashMap<>();
            ((Map<String, Object>) config.get("losses")).forEach((name, c) -> losses.put(name, Losses.fromConfig((Map<String, Object>) c)));
            ((Map<String, Object>) config.get("loss_weights")).forEach((name, w) -> weights.put(name, ((Number) w).doubleValue()));
            Map<String, List<Metric>> attached = new LinkedHashMap<>();
            if (metrics.length > 0) {
                if (losses.size() != 1) {
                    throw new IllegalArgumentException("the model is trained on " + losses.size() + " outputs " + losses.keySet()
                            + "; attach metrics by compiling it again with model.trainer().optimizer() and metrics per output");
                }
                attached.put(losses.keySet().iterator().next(), List.of(metrics));
            }
            model.compile(optimizer, losses, weights, attached);
        } else {
            model.compile(optimizer, Losses.fromConfig((Map<String, Object>) config.get("loss")), metrics);
        }
        model.passCounter(((Number) config.get("pass_counter")).longValue());
    }
}
