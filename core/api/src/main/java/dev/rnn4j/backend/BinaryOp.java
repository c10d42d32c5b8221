package dev.rnn4j.backend;

/** Elementwise binary operations. */
public enum BinaryOp {
    ADD,
    SUB,
    MUL,
    DIV
}
