/**
 * The CUDA backend: cuDNN's RNN, cuBLAS and rnn4j's PTX kernels through the jextract bindings. Needs
 * {@code --enable-native-access=dev.rnn4j.cuda,dev.rnn4j.bindings}. The library loader is internal.
 */
module dev.rnn4j.cuda {
    requires transitive dev.rnn4j.api;
    requires dev.rnn4j.bindings;

    exports dev.rnn4j.cuda;

    provides dev.rnn4j.backend.spi.BackendProvider with dev.rnn4j.cuda.CudaBackendProvider;
}
