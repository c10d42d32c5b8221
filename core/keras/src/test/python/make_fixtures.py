"""Keras fixtures for rnn4j-keras' tests, made by Keras itself.

Rerun (from the repository root; needs no network):
    PY=$(/work/shared/tools/keras-env /tmp/kenv)     # a venv with tensorflow-cpu 2.21 + keras 3.15 from local wheels
    $PY core/keras/src/test/python/make_fixtures.py   # rewrites core/keras/src/test/resources/keras-fixtures/

Export round trip (rnn4j writes .keras and .h5, Keras loads them and must predict the same):
    ./mvnw -B -q package -DskipTests -pl core/cli -am  # builds the ./rnn4j launcher
    $PY core/keras/src/test/python/make_fixtures.py --roundtrip
    # converts every fixture with './rnn4j convert', loads the results with keras.saving.load_model,
    # compares their predictions with the fixture's recorded outputs, writes ROUNDTRIP.md next to the fixtures

Each fixture NAME has NAME.keras (Keras 3 archive), NAME.h5 (legacy HDF5, written by Keras 3's model.save('x.h5'))
and NAME.expected.h5 with the cases Keras computed:
    /cases/<case>/inputs/<i>   the model inputs (int32 token ids or float32)
    /cases/<case>/outputs/<i>  Keras' outputs (model.predict / model(x)), in the model's output order
    attribute "padding" on /cases/<case>: "post", "pre" or "none"
and, for some, /train/x, /train/y (data for fine-tuning) and /generation (greedy text of the char model).
Token batches are masked (id 0 = padding), right- or left-padded, and always hold a length-1 sequence.
"""
import argparse
import json
import os
import subprocess
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras import layers  # noqa: E402
from keras.src.legacy.preprocessing.text import Tokenizer  # noqa: E402  (Keras' own Tokenizer, kept as legacy in Keras 3)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "keras-fixtures"))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", ".."))

VOCAB = 40
LENGTHS = [7, 3, 1, 5]  # one row of length 1, one full row


def seed(s):
    keras.utils.set_random_seed(s)
    tf.config.experimental.enable_op_determinism()


def token_batch(lengths, steps, padding, rng, vocab=VOCAB):
    x = np.zeros((len(lengths), steps), dtype="int32")
    for r, n in enumerate(lengths):
        ids = rng.integers(1, vocab, size=n)
        if padding == "post":
            x[r, :n] = ids
        else:
            x[r, steps - n:] = ids
    return x


def token_cases(rng, steps=7, lengths=LENGTHS, vocab=VOCAB):
    return {"post": ("post", [token_batch(lengths, steps, "post", rng, vocab)]),
            "pre": ("pre", [token_batch(lengths, steps, "pre", rng, vocab)])}


def predict(model, inputs):
    out = model(inputs if len(inputs) > 1 else inputs[0], training=False)
    out = out if isinstance(out, (list, tuple)) else [out]
    return [np.asarray(o) for o in out]


def write_expected(name, cases, extra=None):
    path = os.path.join(OUT, name + ".expected.h5")
    with h5py.File(path, "w") as f:
        for case, (padding, inputs, outputs) in cases.items():
            g = f.create_group("cases/" + case)
            g.attrs["padding"] = padding
            for i, x in enumerate(inputs):
                g.create_dataset("inputs/%d" % i, data=x)
            for i, y in enumerate(outputs):
                g.create_dataset("outputs/%d" % i, data=y.astype("float32"))
        for key, value in (extra or {}).items():
            if isinstance(value, str):
                f.attrs[key] = value
            else:
                f.create_dataset(key, data=value)


def save(name, model, cases, extra=None, stateful=False):
    model.save(os.path.join(OUT, name + ".keras"))
    model.save(os.path.join(OUT, name + ".h5"))
    computed = {}
    for case, (padding, inputs) in cases.items():
        if stateful:
            model.reset_states() if hasattr(model, "reset_states") else [l.reset_states() for l in model.layers if hasattr(l, "reset_states")]
            outs = []
            for x in inputs:
                outs.extend(predict(model, [x]))
            computed[case] = (padding, inputs, outs)
        else:
            computed[case] = (padding, inputs, predict(model, inputs))
    write_expected(name, computed, extra)
    print("%-22s %s" % (name, ", ".join("%s %s" % (c, [tuple(o.shape) for o in v[2]]) for c, v in computed.items())))


def synthetic_tokens(rng, n, steps, vocab=VOCAB, padding="pre"):
    lengths = rng.integers(1, steps + 1, size=n)
    x = np.stack([token_batch([l], steps, padding, rng, vocab)[0] for l in lengths])
    return x


# ---- the seeds' classic models ------------------------------------------------------------------------------

WORDS = ("good great fine nice love best happy fun bad awful poor boring worst hate sad dull the a movie film "
         "plot acting was is very not really quite story end").split()
POSITIVE = set(WORDS[:8])


def reviews(rng, n):
    texts, labels = [], []
    for _ in range(n):
        words = list(rng.choice(WORDS, size=rng.integers(2, 9)))
        texts.append(" ".join(words).capitalize() + "!")
        labels.append(int(sum(w in POSITIVE for w in words) * 2 >= len([w for w in words if w in WORDS[:16]])))
    return texts, np.array(labels, dtype="int32")


def imdb_lstm():
    seed(1)
    rng = np.random.default_rng(1)
    texts, y = reviews(rng, 256)
    tok = Tokenizer(num_words=VOCAB, oov_token="<OOV>")
    tok.fit_on_texts(texts)
    x = keras.utils.pad_sequences(tok.texts_to_sequences(texts), maxlen=10)  # padding='pre', as Keras users feed
    model = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                              layers.Embedding(VOCAB, 8, mask_zero=True),
                              layers.LSTM(8),
                              layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=3, batch_size=32, verbose=0)
    with open(os.path.join(OUT, "imdb_lstm.tokenizer.json"), "w") as f:
        f.write(tok.to_json())
    probe = ["A great movie, really fun!", "Boring plot and awful acting.", "Sad", "the film was not bad at all"]
    probe_x = keras.utils.pad_sequences(tok.texts_to_sequences(probe), maxlen=10)
    cases = token_cases(rng, 10)
    cases["texts"] = ("pre", [probe_x.astype("int32")])
    save("imdb_lstm", model, cases, {"train/x": x[:64].astype("int32"), "train/y": y[:64].astype("float32"),
                                     "texts": "\n".join(probe)})


def bigru_pool():
    seed(2)
    rng = np.random.default_rng(2)
    texts, y = reviews(rng, 256)
    y3 = (y + (np.array([len(t) for t in texts]) > 40)).astype("int32")  # three classes
    tv = layers.TextVectorization(max_tokens=VOCAB, output_sequence_length=10)
    tv.adapt(texts)
    with open(os.path.join(OUT, "bigru_pool.vocabulary.txt"), "w") as f:
        f.write("\n".join(tv.get_vocabulary()) + "\n")
    x = np.asarray(tv(texts)).astype("int32")  # TextVectorization pads at the end
    model = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                              layers.Embedding(VOCAB, 8, mask_zero=True),
                              layers.Bidirectional(layers.GRU(6, return_sequences=True)),
                              layers.GlobalAveragePooling1D(),
                              layers.Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y3, epochs=3, batch_size=32, verbose=0)
    probe = ["A great movie, really fun!", "Boring plot; awful acting.", "Sad", "the film wasn't bad at all"]
    cases = token_cases(rng, 8)
    cases["texts"] = ("post", [np.asarray(tv(probe)).astype("int32")])
    save("bigru_pool", model, cases, {"train/x": x[:64], "train/y": y3[:64].astype("float32"), "texts": "\n".join(probe)})


CORPUS = ("the quick brown fox jumps over the lazy dog. " * 3 + "a lazy dog sleeps all day. " * 3 +
          "the fox runs and the dog sleeps. " * 3)


def char_lm():
    seed(3)
    tok = Tokenizer(char_level=True, lower=True, filters="")
    tok.fit_on_texts([CORPUS])
    ids = np.array(tok.texts_to_sequences([CORPUS])[0], dtype="int32")
    vocab = len(tok.word_index) + 1
    steps = 20
    x = np.stack([ids[i:i + steps] for i in range(0, len(ids) - steps - 1, 3)])
    y = np.stack([ids[i + 1:i + steps + 1] for i in range(0, len(ids) - steps - 1, 3)])
    model = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                              layers.Embedding(vocab, 12),
                              layers.LSTM(32, return_sequences=True),
                              layers.Dense(vocab, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=25, batch_size=16, verbose=0)
    with open(os.path.join(OUT, "char_lm.tokenizer.json"), "w") as f:
        f.write(tok.to_json())
    prompt = "the "
    seq = list(tok.texts_to_sequences([prompt])[0])
    greedy = []
    for _ in range(40):  # greedy: the most likely next character, the whole sequence re-run each time
        p = np.asarray(model(np.array([seq], dtype="int32"), training=False))[0, -1]
        nxt = int(np.argmax(p))
        greedy.append(nxt)
        seq.append(nxt)
    text = "".join(tok.index_word[i] for i in greedy)
    print("char_lm greedy:", repr(prompt + text))
    rng = np.random.default_rng(3)
    cases = {"none": ("none", [x[:3]])}
    cases.update(token_cases(rng, 9, vocab=vocab))  # no mask in this model: padding ids are ordinary tokens
    save("char_lm", model, cases, {"generation/prompt": np.array(tok.texts_to_sequences([prompt])[0], dtype="int32"),
                                   "generation/greedy": np.array(greedy, dtype="int32"), "generation_text": prompt + text,
                                   "train/x": x[:32], "train/y": y[:32].astype("float32")})


# ---- coverage of every supported layer and option ---------------------------------------------------------

def float_cases(rng, features, steps=6, lengths=(6, 2, 1, 4), pad=-1.0):
    cases = {}
    for padding in ("post", "pre"):
        x = np.full((len(lengths), steps, features), pad, dtype="float32")
        for r, n in enumerate(lengths):
            v = rng.normal(size=(n, features)).astype("float32")
            if padding == "post":
                x[r, :n] = v
            else:
                x[r, steps - n:] = v
        cases[padding] = (padding, [x])
    return cases


def quick_fit(model, inputs, outputs, loss="mse", epochs=2, batch_size=16):
    model.compile(optimizer="adam", loss=loss)
    model.fit(inputs, outputs, epochs=epochs, batch_size=batch_size, verbose=0, shuffle=batch_size != 2)


def simple_rnn_masking():
    seed(4)
    rng = np.random.default_rng(4)
    model = keras.Sequential([keras.Input(shape=(None, 3)),
                              layers.Masking(mask_value=-1.0),
                              layers.SimpleRNN(5, activation="relu", return_sequences=True),
                              layers.Dense(4, activation="tanh"),
                              layers.SimpleRNN(4, go_backwards=True),
                              layers.Dense(2)])
    x = float_cases(rng, 3, lengths=[6] * 32)["post"][1][0]
    quick_fit(model, x, rng.normal(size=(32, 2)))
    save("simple_rnn_masking", model, float_cases(rng, 3))


def lstm_states():
    seed(5)
    rng = np.random.default_rng(5)
    tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
    e = layers.Embedding(VOCAB, 6, mask_zero=True)(tokens)
    seq, h, c = layers.LSTM(5, return_sequences=True, return_state=True)(e)
    out = layers.Dense(2, activation="sigmoid")(seq)
    model = keras.Model(tokens, [out, seq, h, c])
    x = synthetic_tokens(rng, 32, 7, padding="post")
    model.compile(optimizer="adam", loss=["mse", None, None, None])
    model.fit(x, rng.uniform(size=(32, 7, 2)), epochs=2, verbose=0)
    save("lstm_states", model, token_cases(rng))


def gru_backwards():
    seed(6)
    rng = np.random.default_rng(6)
    model = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                              layers.Embedding(VOCAB, 6, mask_zero=True),
                              layers.GRU(5, return_sequences=True, go_backwards=True),
                              layers.Dense(3)])
    quick_fit(model, synthetic_tokens(rng, 32, 7, padding="post"), rng.normal(size=(32, 7, 3)))
    save("gru_backwards", model, token_cases(rng))


def bidi_modes():
    seed(7)
    rng = np.random.default_rng(7)
    tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
    e = layers.Embedding(VOCAB, 6, mask_zero=True)(tokens)
    s = layers.Bidirectional(layers.LSTM(4, return_sequences=True), merge_mode="sum")(e)
    a = layers.Bidirectional(layers.SimpleRNN(4, return_sequences=True), merge_mode="ave")(e)
    m = layers.Bidirectional(layers.GRU(4, return_sequences=True), merge_mode="mul")(e)
    f, b = layers.Bidirectional(layers.LSTM(3, return_sequences=True), merge_mode=None)(e)
    seqs = layers.Concatenate()([s, a, m, f, b])
    pooled = layers.GlobalAveragePooling1D()(seqs)
    c, fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(3, return_state=True))(e)
    own = layers.Bidirectional(layers.GRU(3), backward_layer=layers.LSTM(3, go_backwards=True))(e)
    out = layers.Dense(2, activation="softmax")(layers.Concatenate()([pooled, c, own]))
    model = keras.Model(tokens, [out, seqs, fh, fc, bh, bc, own])
    model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy"] + [None] * 6)
    model.fit(synthetic_tokens(rng, 32, 7), rng.integers(0, 2, size=32), epochs=2, verbose=0)
    save("bidi_modes", model, token_cases(rng))


def conv_pool():
    seed(8)
    rng = np.random.default_rng(8)
    model = keras.Sequential([keras.Input(shape=(12,), dtype="int32"),
                              layers.Embedding(VOCAB, 8),
                              layers.Conv1D(6, 3, padding="same", activation="relu"),
                              layers.Dropout(0.2),
                              layers.Conv1D(5, 2, strides=2, activation="tanh"),
                              layers.GlobalMaxPooling1D(),
                              layers.Dense(2, activation="softmax")])
    x = rng.integers(0, VOCAB, size=(64, 12)).astype("int32")
    quick_fit(model, x, rng.integers(0, 2, size=64), loss="sparse_categorical_crossentropy")
    save("conv_pool", model, {"none": ("none", [rng.integers(0, VOCAB, size=(3, 12)).astype("int32")])})


def attention():
    seed(9)
    rng = np.random.default_rng(9)
    tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
    e = layers.Embedding(VOCAB, 6, mask_zero=True)(tokens)
    v = layers.LSTM(6, return_sequences=True)(e)
    q = layers.GRU(6, return_sequences=True)(e)
    a1, scores = layers.Attention(use_scale=True)([q, v], return_attention_scores=True)
    a2 = layers.AdditiveAttention()([q, v, v])
    a3 = layers.Attention(score_mode="concat", use_scale=True)([q, v])
    a4 = layers.Attention()([q, v], use_causal_mask=True)
    pooled = layers.GlobalAveragePooling1D()(layers.Concatenate()([a1, a2, a3, a4]))
    peak = layers.GlobalMaxPooling1D()(v)  # Keras' GlobalMaxPooling1D ignores the mask
    out = layers.Dense(2, activation="softmax")(layers.Concatenate()([pooled, peak]))
    model = keras.Model(tokens, [out, scores])
    model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy", None])
    model.fit(synthetic_tokens(rng, 32, 7), rng.integers(0, 2, size=32), epochs=2, verbose=0)
    save("attention", model, token_cases(rng))


def stateful_lstm():
    seed(10)
    rng = np.random.default_rng(10)
    model = keras.Sequential([keras.Input(batch_shape=(2, None), dtype="int32"),
                              layers.Embedding(VOCAB, 6),
                              layers.LSTM(5, stateful=True, return_sequences=True),
                              layers.Dense(2)])
    quick_fit(model, rng.integers(1, VOCAB, size=(32, 5)).astype("int32"), rng.normal(size=(32, 5, 2)), batch_size=2)
    calls = [rng.integers(1, VOCAB, size=(2, 5)).astype("int32") for _ in range(3)]
    save("stateful_lstm", model, {"calls": ("none", calls)}, stateful=True)


def initial_state():
    seed(11)
    rng = np.random.default_rng(11)
    tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
    h0 = keras.Input(shape=(5,), name="h0")
    c0 = keras.Input(shape=(5,), name="c0")
    e = layers.Embedding(VOCAB, 6, mask_zero=True)(tokens)
    seq = layers.LSTM(5, return_sequences=True)(e, initial_state=[h0, c0])  # Keras 3 applies no mask here
    out = layers.Dense(2)(seq)
    model = keras.Model([tokens, h0, c0], out)
    quick_fit(model, [synthetic_tokens(rng, 32, 7), rng.normal(size=(32, 5)), rng.normal(size=(32, 5))], rng.normal(size=(32, 7, 2)))
    cases = {}
    for padding, (_, [x]) in token_cases(rng).items():
        cases[padding] = (padding, [x, rng.normal(size=(4, 5)).astype("float32"), rng.normal(size=(4, 5)).astype("float32")])
    save("initial_state", model, cases)


def dense_mlp():
    seed(12)
    rng = np.random.default_rng(12)
    model = keras.Sequential([keras.Input(shape=(6,)),
                              layers.Dense(8, activation="relu"),
                              layers.Dropout(0.3),
                              layers.Dense(5, activation="tanh"),
                              layers.Dense(4, activation="sigmoid", use_bias=False),
                              layers.Dense(3)])
    quick_fit(model, rng.normal(size=(64, 6)), rng.normal(size=(64, 3)))
    save("dense_mlp", model, {"none": ("none", [rng.normal(size=(5, 6)).astype("float32")])},
         {"train/x": rng.normal(size=(64, 6)).astype("float32"), "train/y": rng.normal(size=(64, 3)).astype("float32")})


def no_bias_rnn():
    seed(13)
    rng = np.random.default_rng(13)
    model = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                              layers.Embedding(VOCAB, 6, mask_zero=True),
                              layers.LSTM(4, use_bias=False, return_sequences=True),
                              layers.GRU(4, use_bias=False, return_sequences=True),
                              layers.SimpleRNN(3, use_bias=False),
                              layers.Dense(1, activation="sigmoid")])
    quick_fit(model, synthetic_tokens(rng, 32, 7), rng.integers(0, 2, size=32), loss="binary_crossentropy")
    save("no_bias_rnn", model, token_cases(rng))


def gru_reset_before():
    """GRU(reset_after=False): rnn4j rejects it on import (the test checks the message)."""
    seed(14)
    rng = np.random.default_rng(14)
    model = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                              layers.Embedding(VOCAB, 6),
                              layers.GRU(4, reset_after=False),
                              layers.Dense(2)])
    quick_fit(model, synthetic_tokens(rng, 32, 7), rng.normal(size=(32, 2)))
    save("gru_reset_before", model, {"none": ("none", [token_batch([7, 7], 7, "post", rng)])})


FIXTURES = [imdb_lstm, bigru_pool, char_lm, simple_rnn_masking, lstm_states, gru_backwards, bidi_modes, conv_pool,
            attention, stateful_lstm, initial_state, dense_mlp, no_bias_rnn, gru_reset_before]
REJECTED = {"gru_reset_before"}


# ---- the export round trip ----------------------------------------------------------------------------------

def max_relative_error(got, want):
    scale = max(float(np.max(np.abs(want))), 1e-30)
    return float(np.max(np.abs(got.astype("float64") - want.astype("float64")))) / scale


def roundtrip(workdir):
    os.makedirs(workdir, exist_ok=True)
    launcher = os.path.join(REPO, "rnn4j")
    lines = ["# Export round trip: rnn4j writes, Keras loads", "",
             "Made by `make_fixtures.py --roundtrip` with Keras %s, TensorFlow %s: every fixture is imported by "
             "`./rnn4j convert NAME.keras OUT` (to `.keras` and to `.h5`), `keras.saving.load_model(OUT)` loads the "
             "result, and its predictions on the fixture's cases are compared with the outputs Keras computed for the "
             "original file (max |difference| / max |expected| per output)." % (keras.__version__, tf.__version__), "",
             "| fixture | written by rnn4j | Keras loads it | max relative error | result |", "|---|---|---|---|---|"]
    failures = 0
    for fn in FIXTURES:
        name = fn.__name__
        if name in REJECTED:
            continue
        expected = h5py.File(os.path.join(OUT, name + ".expected.h5"), "r")
        for ext in (".keras", ".h5"):
            out = os.path.join(workdir, name + ".rnn4j" + ext)
            extra = ["--batch-size", "2"] if name == "stateful_lstm" else []  # Keras needs a fixed batch size for stateful layers
            run = subprocess.run([launcher, "convert", os.path.join(OUT, name + ".keras"), out] + extra, capture_output=True, text=True)
            if run.returncode != 0:
                err = " ".join(l for l in run.stderr.splitlines() if not l.startswith("WARNING: Using incubator modules"))
                lines.append("| %s | %s | - | - | FAIL: convert: %s |" % (name, ext, err))
                failures += 1
                continue
            try:
                model = keras.saving.load_model(out, compile=False)
            except Exception as e:  # noqa: BLE001
                lines.append("| %s | %s | no | - | FAIL: %s |" % (name, ext, str(e).replace("\n", " ")[:200]))
                failures += 1
                continue
            worst = 0.0
            for case in expected["cases"]:
                g = expected["cases"][case]
                inputs = [g["inputs"][str(i)][()] for i in range(len(g["inputs"]))]
                if name == "stateful_lstm":
                    for layer in model.layers:
                        if hasattr(layer, "reset_states"):
                            layer.reset_states()
                    got = [predict(model, [x])[0] for x in inputs]
                else:
                    got = predict(model, inputs)
                for i, y in enumerate(got):
                    worst = max(worst, max_relative_error(y, g["outputs"][str(i)][()]))
            ok = worst <= 1e-5
            failures += 0 if ok else 1
            lines.append("| %s | %s | yes | %.2e | %s |" % (name, ext, worst, "ok" if ok else "FAIL"))
    lines += ["", "%d failure(s)." % failures, ""]
    with open(os.path.join(OUT, "ROUNDTRIP.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roundtrip", action="store_true", help="only run the export round trip (needs ./rnn4j built)")
    parser.add_argument("--workdir", default="/tmp/rnn4j-keras-roundtrip", help="where the round trip writes rnn4j's files")
    parser.add_argument("--only", nargs="*", help="fixtures to (re)make")
    args = parser.parse_args()
    if args.roundtrip:
        sys.exit(1 if roundtrip(args.workdir) else 0)
    os.makedirs(OUT, exist_ok=True)
    print("Keras %s, TensorFlow %s, h5py %s, numpy %s" % (keras.__version__, tf.__version__, h5py.__version__, np.__version__))
    for fn in FIXTURES:
        if not args.only or fn.__name__ in args.only:
            fn()
    with open(os.path.join(OUT, "VERSIONS.txt"), "w") as f:
        f.write("keras %s\ntensorflow %s\nh5py %s\nnumpy %s\n" % (keras.__version__, tf.__version__, h5py.__version__, np.__version__))


if __name__ == "__main__":
    main()
