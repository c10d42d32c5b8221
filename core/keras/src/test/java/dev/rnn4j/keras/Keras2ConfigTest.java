package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.ModelWeights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Keras 2 (tf.keras) form of a Functional config: class "Model", no "module" keys, batch_input_shape, string
 * dtypes, inbound nodes as [[name, node, index, kwargs]]. No Keras 2 is available here to write such a file, so the
 * config below is written by hand after that format, for the architecture of the lstm_states fixture; with the
 * fixture's weights it must compute the fixture's outputs (Keras 2's mask rule - every layer gets its first input's
 * mask - agrees with Keras 3's on this model). This checks the parsing path, not files from a real Keras 2.
 */
class Keras2ConfigTest {

    private static final String CONFIG = """
            {"class_name": "Model", "config": {"name": "model", "layers": [
              {"class_name": "InputLayer", "config": {"batch_input_shape": [null, null], "dtype": "int32", "sparse": false, "ragged": false, "name": "tokens"},
               "name": "tokens", "inbound_nodes": []},
              {"class_name": "Embedding", "config": {"name": "embedding", "trainable": true, "batch_input_shape": [null, null], "dtype": "float32",
               "input_dim": 40, "output_dim": 6, "embeddings_initializer": {"class_name": "RandomUniform", "config": {"minval": -0.05, "maxval": 0.05, "seed": null}},
               "embeddings_regularizer": null, "activity_regularizer": null, "embeddings_constraint": null, "mask_zero": true, "input_length": null},
               "name": "embedding", "inbound_nodes": [[["tokens", 0, 0, {}]]]},
              {"class_name": "LSTM", "config": {"name": "lstm", "trainable": true, "dtype": "float32", "return_sequences": true, "return_state": true,
               "go_backwards": false, "stateful": false, "unroll": false, "time_major": false, "units": 5, "activation": "tanh",
               "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true, "kernel_regularizer": null, "recurrent_regularizer": null,
               "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "recurrent_constraint": null, "bias_constraint": null,
               "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2},
               "name": "lstm", "inbound_nodes": [[["embedding", 0, 0, {}]]]},
              {"class_name": "Dense", "config": {"name": "dense", "trainable": true, "dtype": "float32", "units": 2, "activation": "sigmoid", "use_bias": true,
               "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}}, "bias_initializer": {"class_name": "Zeros", "config": {}},
               "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
               "name": "dense", "inbound_nodes": [[["lstm", 0, 0, {}]]]}],
             "input_layers": [["tokens", 0, 0]], "output_layers": [["dense", 0, 0], ["lstm", 0, 0], ["lstm", 0, 1], ["lstm", 0, 2]]},
             "keras_version": "2.15.0", "backend": "tensorflow"}
            """;

    @Test
    void keras2FunctionalConfigComputesTheFixturesOutputs() throws Exception {
        Backend backend = Backends.cpu();
        List<String> notes = new ArrayList<>();
        KerasConfig config = KerasConfig.parse(new ObjectMapper().readTree(CONFIG), "keras2.json");
        try (Model fixture = KerasFiles.load(Fixtures.file("lstm_states.keras"), backend).model();
             Model keras2 = ModelImporter.importModel("keras2.json", config, notes).build(backend, 0)) {
            List<float[]> weights = ModelWeights.get(fixture).stream().map(ModelWeights.Weight::values).toList();
            ModelWeights.set(keras2, weights);
            for (Fixtures.Case c : Fixtures.cases("lstm_states")) {
                List<float[]> got = Fixtures.run(keras2, c.inputs());
                for (int i = 0; i < got.size(); i++) {
                    assertTrue(Fixtures.relativeError(got.get(i), c.outputs().get(i).floats()) <= 1e-5, c.name() + " output " + i);
                }
            }
        }
    }
}
