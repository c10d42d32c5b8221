package dev.rnn4j.backend;

/** Pointwise activations. Their derivatives are computed from the activation's output y. */
public enum Activation {
    IDENTITY,
    TANH,
    SIGMOID,
    RELU
}
