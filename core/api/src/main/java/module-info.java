/**
 * rnn4j's API: off-heap tensors, the {@link dev.rnn4j.backend.Backend} interfaces a host framework calls,
 * the RNN primitive's contract (shaped like cuDNN's v8 API), and the SPI backends implement. No dependencies.
 */
module dev.rnn4j.api {
    exports dev.rnn4j.tensor;
    exports dev.rnn4j.backend;
    exports dev.rnn4j.backend.spi;
    exports dev.rnn4j.rnn;

    uses dev.rnn4j.backend.spi.BackendProvider;
}
