"""The PyTorch side of rnn4j's GPU benchmark (bench/gpu): runs the cases the Java side planned, on the same GPU.

    python3 gpu_pytorch_side.py selftest                  generator values, compared by bench/gpu with the Java side's
    python3 gpu_pytorch_side.py versions                  Python, PyTorch, CUDA, cuDNN, cuBLAS and NVIDIA wheel versions
    python3 gpu_pytorch_side.py measure --cases FILE --data DIR --results FILE [--device cuda|cpu]

Inputs and weights come from the counter-based generator of dev.rnn4j.bench.gpu.CounterUniform, implemented here
with the same formulas (all arithmetic modulo 2^32, written so that no int64 product overflows), so both sides
get bit-identical data without exchanging it. Each case writes its outputs as raw little-endian float32 files
DIR/pytorch-<id>-<what>.f32 and one result line; GpuBench compare reads both sides. Timing: CUDA events around
each repetition (wall clock with --device cpu), median after warm-up. TF32 is off for the FP32 cases, as in rnn4j.
"""
import argparse
import math
import os
import platform
import statistics
import struct
import sys
import time
import traceback

M32 = 0xFFFFFFFF
GOLDEN_SEED = 0x9E3779B9
GOLDEN_INDEX = 0x9E3779B1

# streams of the generator (the same numbers as GpuInputs on the Java side)
STREAM_X, STREAM_DY = 1, 2
STREAM_RNN_WEIGHTS = 10          # + the parameter's index in PyTorch's flat order
STREAM_A, STREAM_B = 20, 21
STREAM_TABLE, STREAM_DENSE_W, STREAM_DENSE_B, STREAM_TEXT = 30, 31, 32, 33
STREAM_CHARLM_RNN = 40           # + the parameter's index in PyTorch's flat order


def mul32(h, c):
    """(h * c) mod 2^32 for 0 <= h < 2^32, with every intermediate below 2^49 (works on ints and int64 tensors)."""
    return (h * (c & 0xFFFF) + (((h * (c >> 16)) & 0xFFFF) << 16)) & M32


def fmix32(h):
    h = h ^ (h >> 16)
    h = mul32(h, 0x85EBCA6B)
    h = h ^ (h >> 13)
    h = mul32(h, 0xC2B2AE35)
    return h ^ (h >> 16)


def key(seed, stream):
    return fmix32(((seed & M32) * GOLDEN_SEED + stream) & M32)


def bits(k, i):
    """The generator's 32-bit word for index i (an int, or an int64 tensor of indices below 2^31)."""
    return fmix32((i * GOLDEN_INDEX + k) & M32)


def float32(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]


def float32_bits(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


def float_from_bits(b):
    return struct.unpack('<f', struct.pack('<I', b))[0]


def uniform_scalar(seed, stream, i, scale):
    """One element, in plain Python: u is exact in float32 and the double product u*scale is exact, so rounding it
    to float32 once is the float32 product."""
    u = (bits(key(seed, stream), i) >> 8) * 2.0 ** -23 - 1.0
    return float32(u * scale)


def vectorized_check():
    """The tensor path of the generator runs the same formulas on int64 arrays: checked here with numpy, whose int64
    operators behave as torch's, against the scalar path (an overflow in an intermediate would show)."""
    try:
        import numpy
    except ImportError:
        return 'vectorized int64 check: skipped (numpy is not importable)'
    i = numpy.concatenate([numpy.arange(0, 4096, dtype=numpy.int64), numpy.arange(2 ** 31 - 4096, 2 ** 31, dtype=numpy.int64)])
    for seed, stream in ((42, 1), ((1 << 40) + 5, 2147483647)):
        k = key(seed, stream)
        vec = bits(k, i)
        u = (vec >> 8).astype(numpy.float32) * numpy.float32(2.0 ** -23) - numpy.float32(1.0)
        scale = float32(1 / math.sqrt(1024))
        u = u * numpy.float32(scale)
        for j in range(0, len(i), 97):
            if int(vec[j]) != bits(k, int(i[j])):
                return 'vectorized int64 check: FAILED at i=%d' % i[j]
            if float32_bits(float(u[j])) != float32_bits(uniform_scalar(seed, stream, int(i[j]), scale)):
                return 'vectorized int64 check: FAILED (uniform) at i=%d' % i[j]
    return 'vectorized int64 check: ok (numpy %s, %d indices)' % (numpy.__version__, len(i))


def selftest_lines():
    """The same lines as GpuBench selftest; bench/gpu --dry-run compares the two."""
    lines = []
    for seed, stream in ((42, 1), (42, 10), (7, 33), ((1 << 40) + 5, 2147483647)):
        k = key(seed, stream)
        lines.append('key seed=%d stream=%d -> %08x' % (seed, stream, k))
        for i in (0, 1, 2, 1000, 2147483647):
            lines.append('bits seed=%d stream=%d i=%d -> %08x' % (seed, stream, i, bits(k, i)))
    for scale in (1.0, float32(1 / math.sqrt(512)), float32(1 / math.sqrt(1024)), float32(1 / math.sqrt(256))):
        for i in (0, 3, 99, 123456):
            lines.append('uniform seed=42 stream=10 i=%d scale=%08x -> %08x'
                         % (i, float32_bits(scale), float32_bits(uniform_scalar(42, 10, i, scale))))
    for bound in (60, 7):
        for i in (0, 5, 77):
            lines.append('index seed=42 stream=33 i=%d bound=%d -> %d' % (i, bound, (bits(key(42, 33), i) >> 8) % bound))
    return lines


# ---------------------------------------------------------------------------------------------- torch from here on

def import_torch():
    try:
        import torch  # noqa: F401 (imported for its side effect of being importable)
        return torch
    except Exception as e:  # ImportError, or a broken install that fails while loading its libraries
        print('gpu_pytorch_side: torch is not importable: %s: %s' % (type(e).__name__, e), file=sys.stderr)
        sys.exit(4)


class Generator:
    """The counter-based generator on whole tensors, on the benchmark's device."""

    def __init__(self, torch, device):
        self.torch = torch
        self.device = device

    def bits(self, seed, stream, n):
        i = self.torch.arange(n, dtype=self.torch.int64, device=self.device)
        return bits(key(seed, stream), i)

    def uniform(self, seed, stream, shape, scale_bits=None):
        t = self.torch
        n = math.prod(shape)
        u = (self.bits(seed, stream, n) >> 8).to(t.float32) * (2.0 ** -23) - 1.0
        if scale_bits is not None:
            u = u * t.tensor(float_from_bits(scale_bits), dtype=t.float32, device=self.device)
        return u.reshape(shape)

    def indices(self, seed, stream, n, bound):
        return (self.bits(seed, stream, n) >> 8) % bound


def parse_case(line):
    words = line.split()
    fields = {}
    for w in words:
        k, sep, v = w.partition('=')
        if not sep:
            raise ValueError('word %r is not key=value in case line: %s' % (w, line))
        fields[k] = v
    for required in ('id', 'case', 'kind'):
        if required not in fields:
            raise ValueError('case line lacks %s=: %s' % (required, line))
    return fields


def read_cases(path):
    with open(path) as f:
        return [parse_case(l) for l in f if l.strip() and not l.startswith('#')]


def ragged_lengths(t_max, batch):
    """Non-increasing lengths from T down to 1 (GpuInputs.raggedLengths)."""
    if batch == 1:
        return [t_max]
    return [t_max - b * (t_max - 1) // (batch - 1) for b in range(batch)]


class Timer:
    def __init__(self, torch, device):
        self.torch = torch
        self.cuda = device.type == 'cuda'
        self.name = 'cuda-events' if self.cuda else 'wall-clock'

    def median_ms(self, body, warmup, reps):
        t = self.torch
        for _ in range(warmup):
            body()
        self.sync()
        times = []
        for _ in range(reps):
            if self.cuda:
                start, stop = t.cuda.Event(enable_timing=True), t.cuda.Event(enable_timing=True)
                start.record()
                body()
                stop.record()
                stop.synchronize()
                times.append(start.elapsed_time(stop))
            else:
                s = time.perf_counter()
                body()
                times.append((time.perf_counter() - s) * 1e3)
        return statistics.median(times)

    def sync(self):
        if self.cuda:
            self.torch.cuda.synchronize()


def write_f32(torch, path, tensor):
    flat = tensor.detach().reshape(-1).to(torch.float32).cpu().contiguous()
    try:
        import numpy
        numpy.asarray(flat.numpy(), dtype='<f4').tofile(path)
    except ImportError:
        out = torch.from_file(path, shared=True, size=flat.numel(), dtype=torch.float32)
        out.copy_(flat)
        del out


def set_fp32_modes(torch, matmul_precision):
    """TF32 off in cuDNN's RNN (rnn4j's default, CUDNN_FMA_MATH) and the case's float32 matmul precision
    ('highest' FP32, 'high' TF32, 'medium' BF16 inside cuBLAS); returns the settings torch reports back, as
    result-line fields. The legacy flags first; where a newer torch refuses them, its per-backend settings."""
    try:
        torch.backends.cudnn.allow_tf32 = False
        torch.set_float32_matmul_precision(matmul_precision)
        return {'cudnn_allow_tf32': str(torch.backends.cudnn.allow_tf32),
                'float32_matmul_precision': torch.get_float32_matmul_precision()}
    except (RuntimeError, AttributeError, ValueError):
        torch.backends.cudnn.rnn.fp32_precision = 'ieee'
        torch.backends.cuda.matmul.fp32_precision = {'highest': 'ieee', 'high': 'tf32', 'medium': 'bf16'}[matmul_precision]
        return {'cudnn_rnn_fp32_precision': torch.backends.cudnn.rnn.fp32_precision,
                'matmul_fp32_precision': torch.backends.cuda.matmul.fp32_precision}


def rnn_module(torch, mode, i, h, device, gen, seed, scale_bits, stream0):
    cls = {'LSTM': torch.nn.LSTM, 'GRU': torch.nn.GRU}.get(mode)
    if cls is None:
        raise ValueError('mode %s is not benchmarked' % mode)
    m = cls(i, h).to(device)
    with torch.no_grad():
        for k, name in enumerate(m._flat_weights_names):
            p = getattr(m, name)
            p.copy_(gen.uniform(seed, stream0 + k, tuple(p.shape), scale_bits))
    return m


def flat_grads(module):
    return [getattr(module, name).grad.reshape(-1) for name in module._flat_weights_names]


def run_rnn(torch, c, device, gen, timer, data, prefix):
    T, B, I, H = (int(c[k]) for k in ('T', 'B', 'I', 'H'))
    seed, warmup, reps = int(c['seed']), int(c['warmup']), int(c['reps'])
    modes = set_fp32_modes(torch, 'highest')
    m = rnn_module(torch, c['mode'], I, H, device, gen, seed, int(c['wscale'], 16), STREAM_RNN_WEIGHTS)
    x = gen.uniform(seed, STREAM_X, (T, B, I))
    g = gen.uniform(seed, STREAM_DY, (T, B, H))
    ragged = c['lengths'] == 'ragged'
    lengths = torch.tensor(ragged_lengths(T, B), dtype=torch.int64) if ragged else None
    pack = torch.nn.utils.rnn.pack_padded_sequence
    unpack = torch.nn.utils.rnn.pad_packed_sequence

    def forward(inp):
        if not ragged:
            return m(inp)[0]
        out, _ = m(pack(inp, lengths, enforce_sorted=True))
        return unpack(out, total_length=T)[0]

    if c['pass'] == 'fwd':
        m.eval()

        def body():
            with torch.no_grad():
                return forward(x)

        write_f32(torch, prefix + 'y.f32', body())
    else:
        m.train()
        xg = x.clone().requires_grad_(True)

        def body():
            torch.autograd.backward(forward(xg), g)

        body()
        write_f32(torch, prefix + 'dw.f32', torch.cat(flat_grads(m)))
        write_f32(torch, prefix + 'dx.f32', xg.grad)
    return dict(ms=timer.median_ms(body, warmup, reps), **modes)


def run_sgemm(torch, c, device, gen, timer, data, prefix):
    m_, n_, k_ = int(c['M']), int(c['N']), int(c['K'])
    seed, warmup, reps = int(c['seed']), int(c['warmup']), int(c['reps'])
    # rnn4j's GemmPrecision: FP32 = CUBLAS_COMPUTE_32F, TF32 = ..._FAST_TF32, BF16 = ..._FAST_16BF, float32 in and out
    modes = set_fp32_modes(torch, {'FP32': 'highest', 'TF32': 'high', 'BF16': 'medium'}[c['precision']])
    a = gen.uniform(seed, STREAM_A, (m_, k_))
    b = gen.uniform(seed, STREAM_B, (k_, n_))
    out = torch.empty(m_, n_, dtype=torch.float32, device=device)

    def body():
        torch.matmul(a, b, out=out)

    body()
    write_f32(torch, prefix + 'c.f32', out[:int(c['check_rows'])])
    return dict(ms=timer.median_ms(body, warmup, reps), **modes)


def run_charlm(torch, c, device, gen, timer, data, prefix):
    T, B, E, H, V = (int(c[k]) for k in ('T', 'B', 'E', 'H', 'V'))
    seed, warmup, reps = int(c['seed']), int(c['warmup']), int(c['reps'])
    scale_bits = int(c['wscale'], 16)
    modes = set_fp32_modes(torch, 'highest')
    emb = torch.nn.Embedding(V, E).to(device)
    lstm = rnn_module(torch, 'LSTM', E, H, device, gen, seed, scale_bits, STREAM_CHARLM_RNN)
    lin = torch.nn.Linear(H, V).to(device)
    with torch.no_grad():
        emb.weight.copy_(gen.uniform(seed, STREAM_TABLE, (V, E)))
        lin.weight.copy_(gen.uniform(seed, STREAM_DENSE_W, (V, H), scale_bits))
        lin.bias.copy_(gen.uniform(seed, STREAM_DENSE_B, (V,), scale_bits))
    text = gen.indices(seed, STREAM_TEXT, (T + 1) * B, V).reshape(T + 1, B)
    ids, labels = text[:T].contiguous(), text[1:].reshape(-1).contiguous()
    params = list(emb.parameters()) + list(lstm.parameters()) + list(lin.parameters())
    opt = torch.optim.Adam(params, lr=float(c['lr']), betas=(0.9, 0.999), eps=1e-8)

    def step():
        opt.zero_grad(set_to_none=True)
        y, _ = lstm(emb(ids))
        loss = torch.nn.functional.cross_entropy(lin(y.reshape(T * B, H)), labels)
        loss.backward()
        opt.step()
        return loss.item()

    result = dict(modes)
    for s in range(1, int(c['checked_steps']) + 1):
        result['loss%d' % s] = '%.9g' % step()
    result['ms'] = timer.median_ms(step, warmup, reps)
    return result


RUNNERS = {'rnn': run_rnn, 'sgemm': run_sgemm, 'charlm': run_charlm}


def versions_lines():
    lines = ['python: %s (%s)' % (platform.python_version(), sys.executable)]
    try:
        import importlib.metadata as md
        wheels = sorted('%s %s' % (d.metadata['Name'], d.version) for d in md.distributions()
                        if (d.metadata['Name'] or '').lower().startswith(('nvidia-', 'cuda-', 'torch', 'numpy')))
        lines.append('wheels: ' + (', '.join(wheels) if wheels else 'none of nvidia-*, cuda-*, torch*, numpy'))
    except Exception as e:
        lines.append('wheels: unknown (%s)' % e)
    return lines


def cmd_versions():
    for l in versions_lines():
        print(l)
    torch = import_torch()
    print('torch: %s, built for CUDA %s, cuDNN %s' % (torch.__version__, torch.version.cuda,
                                                     torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else 'none'))
    if torch.cuda.is_available():
        p = torch.cuda.get_device_properties(0)
        print('torch device 0: %s, %.1f GiB, compute capability %d.%d, %d SMs' % (
            p.name, p.total_memory / 2 ** 30, p.major, p.minor, p.multi_processor_count))
    else:
        print('torch: no CUDA device is usable')
        return 3
    return 0


def cmd_measure(args):
    torch = import_torch()
    if args.device == 'cuda' and not torch.cuda.is_available():
        print('gpu_pytorch_side: no GPU: torch.cuda.is_available() is False', file=sys.stderr)
        return 3
    device = torch.device(args.device)
    cases = read_cases(args.cases)
    gen, timer = Generator(torch, device), Timer(torch, device)
    failures = 0
    with open(args.results, 'w') as out:
        name = torch.cuda.get_device_name(0) if device.type == 'cuda' else platform.processor() or 'cpu'
        header = '# pytorch %s on %s (%s), cuDNN %s, timer %s' % (
            torch.__version__, device, name, torch.backends.cudnn.version(), timer.name)
        print(header)
        out.write(header + '\n')
        for c in cases:
            prefix = os.path.join(args.data, 'pytorch-%s-' % c['id'])
            try:
                result = RUNNERS[c['kind']](torch, c, device, gen, timer, args.data, prefix)
                ms = result.pop('ms')
                line = 'id=%s case=%s ms=%.6f warmup=%s reps=%s timer=%s' % (c['id'], c['case'], ms, c['warmup'], c['reps'], timer.name)
                line += ''.join(' %s=%s' % kv for kv in result.items())
            except Exception as e:  # one failing case must not stop the others
                traceback.print_exc()
                failures += 1
                line = 'id=%s case=%s error=%s' % (c['id'], c['case'], ('%s: %s' % (type(e).__name__, e)).replace('\n', ' '))
            print(line, flush=True)
            out.write(line + '\n')
            out.flush()
            if device.type == 'cuda':
                torch.cuda.empty_cache()
    return 1 if failures else 0


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest='command', required=True)
    sub.add_parser('selftest')
    sub.add_parser('versions')
    m = sub.add_parser('measure')
    m.add_argument('--cases', required=True)
    m.add_argument('--data', required=True)
    m.add_argument('--results', required=True)
    m.add_argument('--device', default='cuda', choices=('cuda', 'cpu'))
    args = p.parse_args(argv)
    if args.command == 'selftest':
        print('\n'.join(selftest_lines()))
        check = vectorized_check()
        print(check, file=sys.stderr)
        return 1 if 'FAILED' in check else 0
    if args.command == 'versions':
        return cmd_versions()
    return cmd_measure(args)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
