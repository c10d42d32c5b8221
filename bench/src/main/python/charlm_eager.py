"""PyTorch eager's side of the char-LM throughput comparison with `./rnn4j train --text` (docs/BENCHMARKS.md, "Model layer").

    python3 charlm_eager.py --text FILE [--steps 300] [--batch-size 64] [--seq-length 100] [--seed 1] [--threads N]

The same model and training as `./rnn4j train --text FILE --steps 300 --batch-size 64` with its defaults: characters as
tokens (id 0 reserved, as rnn4j's Keras-style tokenizer does), windows of --seq-length characters every --seq-length
characters with the next character as target, the last 5 % of the windows held out (not used here: the step limit
ends training before the epoch does), the training windows shuffled, Embedding 64 -> LSTM 256 (batch-first) ->
Linear(vocab), mean cross-entropy over every token, Adam (lr 1e-3, PyTorch's defaults), no clipping. Prints what
rnn4j's CLI prints: tokens/s over the whole run, the steady state after the first 10 steps, the first step's time.
Needs torch (CPU); see /work/shared/tools/keras-env --torch DIR for a virtual environment made from local wheels.
"""
import argparse
import random
import sys
import time

import torch

WARM_UP_STEPS = 10


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--text", required=True)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--seq-length", type=int, default=100)
    p.add_argument("--embedding-dim", type=int, default=64)
    p.add_argument("--units", type=int, default=256)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (default: torch's own choice)")
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    with open(a.text, encoding="utf-8") as f:
        text = f.read()
    chars = sorted(set(text))
    index = {c: i + 1 for i, c in enumerate(chars)}
    vocab = len(chars) + 1
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    t = a.seq_length
    count = (len(ids) - t - 1) // t + 1
    windows = torch.stack([ids[w * t: w * t + t + 1] for w in range(count)])
    train = windows[: count - int(count * 0.05)]

    embedding = torch.nn.Embedding(vocab, a.embedding_dim)
    lstm = torch.nn.LSTM(a.embedding_dim, a.units, batch_first=True)
    dense = torch.nn.Linear(a.units, vocab)
    params = list(embedding.parameters()) + list(lstm.parameters()) + list(dense.parameters())
    adam = torch.optim.Adam(params, lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    print(f"pytorch {torch.__version__}, {torch.get_num_threads()} threads; {len(text):,} chars, vocabulary {vocab - 1}, "
          f"{len(train):,} training windows of {t}; batch {a.batch_size}, {a.steps} steps", flush=True)

    rng = random.Random(a.seed)
    order = list(range(len(train)))
    rng.shuffle(order)
    start = time.perf_counter()
    first_step = warm_up_end = None
    tokens = warm_up_tokens = 0
    at = 0
    loss = float("nan")
    for step in range(1, a.steps + 1):
        if at + a.batch_size > len(order):
            rng.shuffle(order)
            at = 0
        batch = train[order[at: at + a.batch_size]]
        at += a.batch_size
        x, y = batch[:, :-1], batch[:, 1:]
        adam.zero_grad()
        out, _ = lstm(embedding(x))
        logits = dense(out)
        loss_t = loss_fn(logits.reshape(-1, vocab), y.reshape(-1))
        loss_t.backward()
        adam.step()
        loss = loss_t.item()
        tokens += x.numel()
        now = time.perf_counter()
        if step == 1:
            first_step = now - start
        if step == WARM_UP_STEPS:
            warm_up_end, warm_up_tokens = now, tokens
    seconds = time.perf_counter() - start
    print(f"trained {a.steps} steps, {seconds:.1f} s: {tokens / seconds / 1e3:.1f}k tokens/s overall")
    if a.steps >= 2 * WARM_UP_STEPS:
        steady = seconds - (warm_up_end - start)
        print(f"steady state {(tokens - warm_up_tokens) / steady / 1e3:.1f}k tokens/s (steps {WARM_UP_STEPS + 1}-{a.steps}, {steady:.1f} s); "
              f"warm-up: first step {first_step:.1f} s, first {WARM_UP_STEPS} steps {warm_up_end - start:.1f} s")
    print(f"last training loss {loss:.4f} ({loss / 0.6931471805599453:.3f} bits/char)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
