package dev.rnn4j.rnn;

/** cuDNN's cudnnForwardMode_t: training keeps in the reserve space what backward needs. */
public enum RnnForwardMode {
    INFERENCE,
    TRAINING
}
