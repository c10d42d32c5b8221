package dev.rnn4j.model.train;

import java.util.Map;

/** Learning rate as a function of the optimizer step (0 for the first update). */
public interface LearningRateSchedule {

    float at(long step);

    Map<String, Object> config();

    static LearningRateSchedule constant(float lr) {
        return new Constant(lr);
    }

    /** Keras' ExponentialDecay: lr·rate^(step/decaySteps), floored to whole periods when {@code staircase}. */
    static LearningRateSchedule exponentialDecay(float initial, long decaySteps, float decayRate, boolean staircase) {
        return new ExponentialDecay(initial, decaySteps, decayRate, staircase);
    }

    /** PyTorch's StepLR counted in optimizer steps: lr·gamma^floor(step/stepSize). */
    static LearningRateSchedule stepDecay(float initial, long stepSize, float gamma) {
        return new ExponentialDecay(initial, stepSize, gamma, true);
    }

    static LearningRateSchedule fromConfig(Map<String, Object> c) {
        return switch (String.valueOf(c.get("type"))) {
            case "constant" -> constant(((Number) c.get("lr")).floatValue());
            case "exponential_decay" -> exponentialDecay(((Number) c.get("initial")).floatValue(), ((Number) c.get("decay_steps")).longValue(),
                    ((Number) c.get("decay_rate")).floatValue(), Boolean.TRUE.equals(c.get("staircase")));
            default -> throw new IllegalArgumentException("unknown learning-rate schedule " + c);
        };
    }

    record Constant(float lr) implements LearningRateSchedule {
        public Constant {
            if (!(lr > 0f) || Float.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }

        @Override
        public float at(long step) {
            return lr;
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("type", "constant", "lr", lr);
        }
    }

    record ExponentialDecay(float initial, long decaySteps, float decayRate, boolean staircase) implements LearningRateSchedule {
        public ExponentialDecay {
            if (!(initial > 0f)) throw new IllegalArgumentException("initial learning rate must be > 0, got " + initial);
            if (decaySteps < 1) throw new IllegalArgumentException("decay steps must be >= 1, got " + decaySteps);
            if (!(decayRate > 0f)) throw new IllegalArgumentException("decay rate must be > 0, got " + decayRate);
        }

        @Override
        public float at(long step) {
            double p = (double) step / decaySteps;
            if (staircase) p = Math.floor(p);
            return (float) (initial * Math.pow(decayRate, p));
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("type", "exponential_decay", "initial", initial, "decay_steps", decaySteps, "decay_rate", decayRate, "staircase", staircase);
        }
    }
}
