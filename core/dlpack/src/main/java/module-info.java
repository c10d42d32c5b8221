/**
 * DLPack interop: tensors of other frameworks (PyTorch, JAX, CuPy, NumPy...) borrowed without copying, and rnn4j
 * tensors lent to them, through DLPack 1.x's {@code DLManagedTensorVersioned} as jextract generated it from
 * {@code dlpack.h}. Needs {@code --enable-native-access=dev.rnn4j.dlpack,dev.rnn4j.bindings} (it reads foreign
 * structs and calls the producer's deleter).
 */
module dev.rnn4j.dlpack {
    requires transitive dev.rnn4j.api;
    requires dev.rnn4j.bindings;

    exports dev.rnn4j.dlpack;
}
