/**
 * The Keras-style model layer. It calls only the {@link dev.rnn4j.backend.Backend} SPI, so the same model
 * runs on the CPU or the CUDA backend.
 *
 * <h2>A char-level language model: build, fit, generate, save</h2>
 * <pre>{@code
 * Backend backend = Backends.auto().backend();
 * Model model = Sequential.of(Input.tokens(-1),                      // int32 ids [batch, time]
 *         Layers.embedding(vocab, 64).maskZero(true),                 // id 0 = padding (post-padded)
 *         Layers.lstm(256).returnSequences(true),
 *         Layers.dense(vocab));                                       // logits [batch, time, vocab]
 * model.build(backend, 42);                                           // seeded weights
 * model.compile(Optimizers.adam(2e-3f).clipNorm(1f),
 *         Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
 * // x: int32 [N, T] inputs, y: int32 [N, T] next-token targets (host tensors)
 * History h = model.fit(x, y, FitOptions.defaults().epochs(5).batchSize(64).validationSplit(0.1),
 *         new EarlyStopping(2, true),
 *         new Callback() {                                            // progress: one call per batch
 *             public void onBatchEnd(Model m, Callback.BatchEnd b) { ... b.loss(), b.elements() ... }
 *         });
 * try (TextGenerator gen = new TextGenerator(model, Sampler.topK(5, 0.8f), 7)) {
 *     int[] ids = gen.generate(promptIds, 200);                       // state carried token by token
 * }
 * Checkpoint.save(Path.of("lm.safetensors"), model, Map.of("tokenizer", tokenizerJson));
 * Checkpoint.Loaded loaded = Checkpoint.load(Path.of("lm.safetensors"), backend);
 * String tokenizerJson2 = loaded.extras().get("tokenizer");          // model, optimizer state restored
 * model.close();                                                      // frees weights and plans
 * }</pre>
 *
 * <h2>Shared layers, several outputs, a model that reads another's attention</h2>
 * <pre>{@code
 * Node tokens = Input.tokens(-1);
 * Embedding shared = Layers.embedding(vocab, 32).maskZero(true);           // one weight, called twice
 * List<Node> rnn = Layers.lstm(64).returnSequences(true).returnState(true).apply(List.of(shared.apply(tokens)));
 * List<Node> att = Layers.generalAttention().apply(List.of(rnn.get(1), rnn.get(0)));   // [context, weights]
 * Node label = Layers.dense(2).apply(att.get(0));
 * Node tags = Layers.dense(5).apply(rnn.get(0));
 * Model model = Model.functional(List.of(tokens), List.of(label, tags)).build(backend, 1);
 * System.out.print(model.summary());                                  // Keras' table, ≤ 100 columns
 * model.compile(Optimizers.adam(1e-3f),                               // Keras' compile(loss={...}, loss_weights=...)
 *         Map.of("dense", Losses.sparseCategoricalCrossentropy(true), "dense_1", Losses.sparseCategoricalCrossentropy(true)),
 *         Map.of("dense_1", 0.5), Map.of("dense", List.of(Metrics.accuracy())));
 * model.fit(Dataset.of(List.of(x), List.of(labels, tagIds)), FitOptions.defaults().epochs(5));   // a line per epoch
 * Model reader = Model.functional(model.inputs(), List.of(model.outputsOf("attention").get(1)))
 *         .build(backend, 1);                                         // the same weights, stops at the attention
 * }</pre>
 *
 * <h2>A custom training loop (GradientTape)</h2>
 * <pre>{@code
 * Optimizer opt = Optimizers.adam(1e-3f);
 * Loss loss = Losses.sparseCategoricalCrossentropy(true);
 * try (GradientTape tape = model.tape(true)) {
 *     Variable logits = model.call(tape, tape.constant(xBatch));
 *     Variable l = loss.compute(tape, logits, tape.constant(yBatch));
 *     tape.backward(l);                                  // Parameter.grad() now holds the gradients
 *     opt.step(backend, model.parameters());
 * }
 * }</pre>
 *
 * <p>Packages: {@code model} (graph, tape, parameters), {@code model.layers} (layers and {@code Layers}
 * factories), {@code model.ops} (differentiable ops on the backend), {@code model.train} (losses, optimizers,
 * metrics, callbacks, the fit loop), {@code model.generate} (samplers, {@code TextGenerator}),
 * {@code model.io} (safetensors checkpoints).
 */
package dev.rnn4j.model;
