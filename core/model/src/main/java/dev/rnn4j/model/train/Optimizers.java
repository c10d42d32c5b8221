package dev.rnn4j.model.train;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD (momentum, Nesterov), Adam and RMSprop with PyTorch's update rules. Clipping and schedules are set with
 * the fluent methods of {@link Base}: {@code Optimizers.adam(1e-3f).clipNorm(1f).schedule(...)}.
 */
public final class Optimizers {

    private Optimizers() {
    }

    public static Base sgd(float lr) {
        return sgd(lr, 0f, false);
    }

    public static Base sgd(float lr, float momentum, boolean nesterov) {
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (nesterov && momentum == 0f) throw new IllegalArgumentException("nesterov needs momentum > 0");
        return new Sgd(LearningRateSchedule.constant(lr), momentum, nesterov);
    }

    /** Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8 (PyTorch's defaults; Keras uses ε = 1e-7). */
    public static Base adam(float lr) {
        return adam(lr, 0.9f, 0.999f, 1e-8f);
    }

    public static Base adam(float lr, float beta1, float beta2, float eps) {
        return new Adam(LearningRateSchedule.constant(lr), beta1, beta2, eps);
    }

    /** RMSprop with ρ = 0.9 (Keras' default; PyTorch calls it alpha, default 0.99), ε = 1e-7. */
    public static Base rmsprop(float lr) {
        return rmsprop(lr, 0.9f, 1e-7f);
    }

    public static Base rmsprop(float lr, float rho, float eps) {
        return new RmsProp(LearningRateSchedule.constant(lr), rho, eps);
    }

    @SuppressWarnings("unchecked")
    public static Base fromConfig(Map<String, Object> c) {
        LearningRateSchedule schedule = LearningRateSchedule.fromConfig((Map<String, Object>) c.get("schedule"));
        Base o = switch (String.valueOf(c.get("name"))) {
            case "sgd" -> new Sgd(schedule, num(c, "momentum"), Boolean.TRUE.equals(c.get("nesterov")));
            case "adam" -> new Adam(schedule, num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"));
            case "rmsprop" -> new RmsProp(schedule, num(c, "rho"), num(c, "epsilon"));
            default -> throw new IllegalArgumentException("unknown optimizer " + c.get("name"));
        };
        if (c.get("clipnorm") != null) o.clipNorm(num(c, "clipnorm"));
        if (c.get("clipvalue") != null) o.clipValue(num(c, "clipvalue"));
        if (c.get("global_clipnorm") != null) o.globalClipNorm(num(c, "global_clipnorm"));
        return o;
    }

    private static float num(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("optimizer config lacks number '" + key + "': " + c);
        return n.floatValue();
    }

    /** Schedule, clipping, iteration count and slot storage shared by every optimizer. */
    public abstract static class Base implements Optimizer {
        private LearningRateSchedule schedule;
        private Float clipNorm;
        private Float clipValue;
        private Float globalClipNorm;
        private long iterations;
        private TensorScope slotScope = TensorScope.open();
        private final Map<String, Tensor> slots = new LinkedHashMap<>();

        Base(LearningRateSchedule schedule) {
            this.schedule = schedule;
        }

        public Base schedule(LearningRateSchedule s) {
            this.schedule = java.util.Objects.requireNonNull(s, "schedule");
            return this;
        }

        public Base clipNorm(float maxNorm) {
            if (!(maxNorm > 0f)) throw new IllegalArgumentException("clipnorm must be > 0, got " + maxNorm);
            this.clipNorm = maxNorm;
            return this;
        }

        public Base globalClipNorm(float maxNorm) {
            if (!(maxNorm > 0f)) throw new IllegalArgumentException("global clipnorm must be > 0, got " + maxNorm);
            this.globalClipNorm = maxNorm;
            return this;
        }

        public Base clipValue(float maxAbs) {
            if (!(maxAbs > 0f)) throw new IllegalArgumentException("clipvalue must be > 0, got " + maxAbs);
            this.clipValue = maxAbs;
            return this;
        }

        @Override
        public long iterations() {
            return iterations;
        }

        @Override
        public float learningRate() {
            return schedule.at(iterations);
        }

        @Override
        public void step(Backend backend, List<Parameter> parameters) {
            List<Parameter> trainable = parameters.stream().filter(Parameter::trainable).toList();
            clip(backend, trainable);
            float lr = schedule.at(iterations);
            iterations++;
            for (Parameter p : trainable) update(backend, p, lr, iterations);
        }

        private void clip(Backend backend, List<Parameter> params) {
            if (clipValue != null) for (Parameter p : params) backend.clamp(p.grad(), -clipValue, clipValue);
            if (clipNorm != null) {
                for (Parameter p : params) scaleToNorm(backend, p.grad(), Math.sqrt(backend.sumOfSquares(p.grad())), clipNorm);
            }
            if (globalClipNorm != null) {
                double total = 0;
                for (Parameter p : params) total += backend.sumOfSquares(p.grad());
                double norm = Math.sqrt(total);
                for (Parameter p : params) scaleToNorm(backend, p.grad(), norm, globalClipNorm);
            }
        }

        private static void scaleToNorm(Backend backend, Tensor grad, double norm, float max) {
            if (norm > max) backend.axpby(0f, grad, (float) (max / norm), grad);
        }

        /** The slot {@code kind} of parameter p (zeros on first use). */
        Tensor slot(Backend backend, Parameter p, String kind) {
            return slots.computeIfAbsent(p.name() + "." + kind, k -> backend.allocate(slotScope, DType.FLOAT32, p.shape()));
        }

        abstract void update(Backend backend, Parameter p, float lr, long step);

        abstract Map<String, Object> hyperparameters();

        @Override
        public Map<String, Object> config() {
            Map<String, Object> c = new LinkedHashMap<>(hyperparameters());
            c.put("schedule", schedule.config());
            if (clipNorm != null) c.put("clipnorm", clipNorm);
            if (clipValue != null) c.put("clipvalue", clipValue);
            if (globalClipNorm != null) c.put("global_clipnorm", globalClipNorm);
            return c;
        }

        @Override
        public Map<String, Tensor> state() {
            return java.util.Collections.unmodifiableMap(slots);
        }

        @Override
        public void loadState(Backend backend, List<Parameter> parameters, Map<String, Tensor> state, long iterations) {
            if (iterations < 0) throw new IllegalArgumentException("negative iteration count " + iterations);
            Map<String, Parameter> byName = new HashMap<>();
            for (Parameter p : parameters) byName.put(p.name(), p);
            for (var e : state.entrySet()) {
                String key = e.getKey();
                int dot = key.lastIndexOf('.');
                Parameter p = dot < 0 ? null : byName.get(key.substring(0, dot));
                if (p == null) throw new IllegalArgumentException("optimizer state '" + key + "' belongs to no parameter of the model");
                if (!java.util.Arrays.equals(p.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("optimizer state '" + key + "' has shape " + e.getValue().describe() + ", parameter is " + p.value().describe());
                }
                backend.copy(e.getValue(), slot(backend, p, key.substring(dot + 1)));
            }
            this.iterations = iterations;
        }

        @Override
        public void close() {
            slots.clear();
            slotScope.close();
            slotScope = TensorScope.open();
        }
    }

    static final class Sgd extends Base {
        private final float momentum;
        private final boolean nesterov;

        Sgd(LearningRateSchedule s, float momentum, boolean nesterov) {
            super(s);
            this.momentum = momentum;
            this.nesterov = nesterov;
        }

        @Override
        void update(Backend backend, Parameter p, float lr, long step) {
            Tensor velocity = momentum == 0f ? null : slot(backend, p, "velocity");
            backend.sgdStep(p.value(), p.grad(), velocity, lr, momentum, nesterov);
        }

        @Override
        Map<String, Object> hyperparameters() {
            return Map.of("name", "sgd", "momentum", momentum, "nesterov", nesterov);
        }
    }

    static final class Adam extends Base {
        private final float beta1;
        private final float beta2;
        private final float eps;

        Adam(LearningRateSchedule s, float beta1, float beta2, float eps) {
            super(s);
            if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f)) {
                throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(eps > 0f)) throw new IllegalArgumentException("Adam epsilon must be > 0, got " + eps);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        @Override
        void update(Backend backend, Parameter p, float lr, long step) {
            backend.adamStep(p.value(), p.grad(), slot(backend, p, "m"), slot(backend, p, "v"), lr, beta1, beta2, eps, step);
        }

        @Override
        Map<String, Object> hyperparameters() {
            return Map.of("name", "adam", "beta_1", beta1, "beta_2", beta2, "epsilon", eps);
        }
    }

    static final class RmsProp extends Base {
        private final float rho;
        private final float eps;

        RmsProp(LearningRateSchedule s, float rho, float eps) {
            super(s);
            if (!(rho >= 0f && rho < 1f)) throw new IllegalArgumentException("rho must be in [0, 1), got " + rho);
            this.rho = rho;
            this.eps = eps;
        }

        @Override
        void update(Backend backend, Parameter p, float lr, long step) {
            backend.rmspropStep(p.value(), p.grad(), slot(backend, p, "mean_square"), lr, rho, eps);
        }

        @Override
        Map<String, Object> hyperparameters() {
            return Map.of("name", "rmsprop", "rho", rho, "epsilon", eps);
        }
    }
}
