/**
 * The Keras-style model layer (layers, training, generation, checkpoints) and the data tools (tokenizer,
 * pad_sequences, loaders), on any backend.
 */
module dev.rnn4j.model {
    requires transitive dev.rnn4j.api;
    requires com.fasterxml.jackson.databind;

    exports dev.rnn4j.model;
    exports dev.rnn4j.model.layers;
    exports dev.rnn4j.model.ops;
    exports dev.rnn4j.model.train;
    exports dev.rnn4j.model.io;
    exports dev.rnn4j.model.generate;
    exports dev.rnn4j.data;
}
