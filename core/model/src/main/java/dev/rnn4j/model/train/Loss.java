package dev.rnn4j.model.train;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;

import java.util.Map;

/**
 * A loss: a scalar variable (mean over the batch, padding excluded) computed on the tape from the model's
 * prediction and the target, so that {@link GradientTape#backward} starts from it. Factories: {@link Losses}.
 */
public interface Loss {

    String name();

    Variable compute(GradientTape tape, Variable prediction, Variable target);

    Map<String, Object> config();
}
