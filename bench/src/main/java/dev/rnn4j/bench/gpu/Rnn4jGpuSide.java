package dev.rnn4j.bench.gpu;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.bench.peers.BackendTensors;
import dev.rnn4j.bench.peers.Rnn4jCharLm;
import dev.rnn4j.bench.peers.Rnn4jRnn;
import dev.rnn4j.bench.peers.RnnProblem;
import dev.rnn4j.bench.peers.Timing;
import dev.rnn4j.cuda.CudaBackend;
import dev.rnn4j.cuda.CudaOptions;
import dev.rnn4j.cuda.GemmPrecision;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rnn4j side of the GPU benchmark: runs each {@link GpuCase} on a backend ({@code cuda}, or {@code cpu}
 * for the dry run), writes its outputs to {@code DATA/rnn4j-<id>-<what>.f32} (y; dW in PyTorch's parameter
 * order and dx; C's first check_rows rows) and returns its result line. The RNN and char-LM cases run on one
 * CUDA backend with the defaults (FP32, TF32 off in cuDNN); each SGEMM precision gets a backend of its own.
 */
final class Rnn4jGpuSide implements AutoCloseable {

    private final boolean cuda;
    private final Path data;
    private final Backend backend;
    private final DeviceTimer timer;

    Rnn4jGpuSide(String backendName, Path data) {
        this.cuda = switch (backendName) {
            case "cuda" -> true;
            case "cpu" -> false;
            default -> throw new IllegalArgumentException("--backend must be cuda or cpu, got " + backendName);
        };
        this.data = data;
        this.backend = cuda ? CudaBackend.create(0) : Backends.cpu();
        this.timer = timerOf(backend);
    }

    private DeviceTimer timerOf(Backend b) {
        return b instanceof CudaBackend c ? new CudaEventTimer(c) : DeviceTimer.wallClock(b);
    }

    /** The header line of the results file. */
    String header() {
        return "# rnn4j backend " + backend.name() + ": " + backend.description() + ", timer " + timer.name();
    }

    /** One case's median time and how it was taken. */
    private record Measured(double ms, String timer) {
    }

    /** Runs one case; its result line ({@code id=… case=… ms=… …}). */
    String run(GpuCase c) throws IOException {
        var timing = new Timing(c.intParam("warmup"), c.intParam("reps"));
        String prefix = "rnn4j-" + c.id() + "-";
        Map<String, String> extras = new LinkedHashMap<>();
        Measured m;
        try {
            m = switch (c.kind()) {
                case "rnn" -> rnn(c, timing, prefix);
                case "sgemm" -> sgemm(c, timing, prefix);
                case "charlm" -> charLm(c, timing, extras);
                default -> throw new IllegalArgumentException("case id=" + c.id() + ": unknown kind " + c.kind());
            };
        } finally {
            if (backend instanceof CudaBackend b) b.emptyCache();
        }
        var sb = new StringBuilder(String.format(Locale.ROOT, "id=%d case=%s ms=%.6f warmup=%s reps=%s timer=%s",
                c.id(), c.name(), m.ms(), c.param("warmup"), c.param("reps"), m.timer()));
        extras.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    private Measured rnn(GpuCase c, Timing timing, String prefix) throws IOException {
        RnnProblem problem = GpuInputs.rnn(c);
        try (var ours = new Rnn4jRnn(backend, problem, GpuInputs.lengths(c))) {
            if (c.param("pass").equals("fwd")) {
                F32Files.write(data.resolve(prefix + "y.f32"), ours.forward());
                return new Measured(timer.medianMillis(timing, ours::forwardAsync), timer.name());
            }
            F32Files.write(data.resolve(prefix + "dw.f32"), pytorchOrder(problem.descriptor(), ours.weightGradients()));
            F32Files.write(data.resolve(prefix + "dx.f32"), ours.inputGradients());
            return new Measured(timer.medianMillis(timing, ours::forwardBackwardAsync), timer.name());
        }
    }

    /** The canonical weight gradients as PyTorch's parameters' gradients, concatenated in its flat order. */
    static float[] pytorchOrder(RnnDescriptor rnn, float[] weightSpace) {
        Map<String, float[]> params = PyTorchRnnWeights.toPyTorch(rnn, weightSpace);
        float[] out = new float[params.values().stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] p : params.values()) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private Measured sgemm(GpuCase c, Timing timing, String prefix) throws IOException {
        GemmPrecision precision = GemmPrecision.valueOf(c.param("precision"));
        Path out = data.resolve(prefix + "c.f32");
        if (!cuda) {
            if (precision != GemmPrecision.FP32) {
                throw new IllegalArgumentException("case id=" + c.id() + ": precision " + precision + " needs the cuda backend");
            }
            return gemm(backend, timer, c, timing, out);
        }
        try (CudaBackend be = CudaBackend.create(0, CudaOptions.defaults().withGemmPrecision(precision)); DeviceTimer t = new CudaEventTimer(be)) {
            return gemm(be, t, c, timing, out);
        }
    }

    /** C = A·B on {@code be}; writes C's first check_rows rows to {@code out}. */
    private static Measured gemm(Backend be, DeviceTimer t, GpuCase c, Timing timing, Path out) throws IOException {
        int m = c.intParam("M"), n = c.intParam("N"), k = c.intParam("K");
        float[][] ab = GpuInputs.sgemm(c);
        try (BackendTensors tensors = new BackendTensors(be)) {
            Tensor a = tensors.upload(ab[0], m, k);
            Tensor b = tensors.upload(ab[1], k, n);
            Tensor product = tensors.zeros(m, n);
            Runnable body = () -> be.gemm(false, false, 1f, a, b, 0f, product);
            body.run();
            F32Files.write(out, tensors.download(product), 0, Math.min(m, c.intParam("check_rows")) * n);
            return new Measured(t.medianMillis(timing, body), t.name());
        }
    }

    private Measured charLm(GpuCase c, Timing timing, Map<String, String> extras) {
        try (var ours = new Rnn4jCharLm(backend, GpuInputs.charLm(c))) {
            for (int s = 1; s <= c.intParam("checked_steps"); s++) extras.put("loss" + s, String.format(Locale.ROOT, "%.9g", ours.step()));
            return new Measured(timer.medianMillis(timing, ours::step), timer.name());
        }
    }

    @Override
    public void close() {
        try {
            timer.close();
        } finally {
            backend.close();
        }
    }
}
