package dev.rnn4j.cuda;

import static dev.rnn4j.cuda.GpuFixture.assertClose;
import static dev.rnn4j.cuda.GpuFixture.get;
import static dev.rnn4j.cuda.GpuFixture.put;
import static dev.rnn4j.cuda.GpuFixture.putInts;
import static dev.rnn4j.cuda.GpuFixture.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Every custom kernel and cuBLAS against its CPU twin (CpuBackend) on the same inputs. Needs a GPU. */
class CudaKernelParityGpuTest extends GpuVersusCpu {

    final Random rnd = new Random(42);

    /** Runs {@code op} on both backends over copies of the same inputs; returns {cpu, gpu} results of the last input. */
    private float[][] both(float[][] inputs, long[][] shapes, BiConsumer<Backend, Tensor[]> op) {
        float[][] out = new float[2][];
        Backend[] backends = {cpu, gpu};
        for (int b = 0; b < 2; b++) {
            try (TensorScope s = TensorScope.open()) {
                Tensor[] t = new Tensor[inputs.length];
                for (int i = 0; i < inputs.length; i++) t[i] = put(backends[b], s, inputs[i], shapes[i]);
                op.accept(backends[b], t);
                out[b] = get(backends[b], t[inputs.length - 1]);
            }
        }
        return out;
    }

    private void parity(String what, double tol, float[][] inputs, long[][] shapes, BiConsumer<Backend, Tensor[]> op) {
        float[][] r = both(inputs, shapes, op);
        assertClose(r[0], r[1], tol, what);
    }

    @Test
    void pointwise() {
        long[] s = {7, 33};
        float[] a = random(rnd, 231), b = random(rnd, 231), bias = random(rnd, 33), z = new float[231];
        parity("fill", 0, new float[][] {z}, new long[][] {s}, (be, t) -> be.fill(t[0], 2.5f));
        for (BinaryOp op : BinaryOp.values()) {
            parity("binary " + op, 1e-6, new float[][] {a, b, z}, new long[][] {s, s, s}, (be, t) -> be.binary(op, t[0], t[1], t[2]));
            parity("binary broadcast " + op, 1e-6, new float[][] {a, bias, z}, new long[][] {s, {33}, s}, (be, t) -> be.binary(op, t[0], t[1], t[2]));
        }
        parity("axpby", 1e-6, new float[][] {a, b}, new long[][] {s, s}, (be, t) -> be.axpby(0.3f, t[0], -1.7f, t[1]));
        for (Activation f : Activation.values()) {
            parity("activation " + f, 1e-6, new float[][] {a, z}, new long[][] {s, s}, (be, t) -> be.activation(f, t[0], t[1]));
            parity("activationBackward " + f, 1e-6, new float[][] {a, b, z}, new long[][] {s, s, s}, (be, t) -> {
                be.activation(f, t[0], t[0]);
                be.activationBackward(f, t[0], t[1], t[2]);
            });
        }
        parity("clamp", 0, new float[][] {a}, new long[][] {s}, (be, t) -> be.clamp(t[0], -0.5f, 0.25f));
    }

    @Test
    void dropoutMaskIsBitIdenticalToCounterRandom() {
        float[][] r = both(new float[][] {new float[10_001]}, new long[][] {{10_001}}, (be, t) -> be.dropoutMask(t[0], 0.3f, 0x1234_5678_9ABCL));
        assertArrayEquals(r[0], r[1]);
    }

    @Test
    void reductionsAndSoftmax() {
        long[] s = {9, 70};
        float[] x = random(rnd, 630), dy = random(rnd, 630), z = new float[630], c = random(rnd, 70);
        for (Backend be : new Backend[] {cpu, gpu}) {
            try (TensorScope sc = TensorScope.open()) {
                Tensor t = put(be, sc, x, s);
                assertEquals(cpuSum(x), be.sum(t), 1e-3, be.name() + " sum");
            }
        }
        parity("sumToLastDim", 1e-5, new float[][] {x, c}, new long[][] {s, {70}}, (be, t) -> be.sumToLastDim(t[0], 0.5f, t[1]));
        for (boolean log : new boolean[] {false, true}) {
            parity("softmax log=" + log, 1e-5, new float[][] {x, z}, new long[][] {s, s}, (be, t) -> be.softmax(t[0], t[1], log));
            parity("softmaxBackward log=" + log, 1e-5, new float[][] {x, dy, z}, new long[][] {s, s, s}, (be, t) -> {
                be.softmax(t[0], t[0], log);
                be.softmaxBackward(t[0], t[1], t[2], log);
            });
        }
    }

    private static double cpuSum(float[] x) {
        double s = 0;
        for (float v : x) s += v;
        return s;
    }

    @Test
    void crossEntropyWithIgnoreIndex() {
        int n = 12, classes = 40;
        float[] logits = random(rnd, n * classes);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % 4 == 0 ? -100 : rnd.nextInt(classes);
        float[] loss = new float[2];
        float[][] grads = new float[2][];
        Backend[] backends = {cpu, gpu};
        for (int b = 0; b < 2; b++) {
            try (TensorScope s = TensorScope.open()) {
                Tensor l = put(backends[b], s, logits, n, classes);
                Tensor y = putInts(backends[b], s, labels, n);
                Tensor d = backends[b].allocate(s, dev.rnn4j.tensor.DType.FLOAT32, n, classes);
                loss[b] = backends[b].softmaxCrossEntropy(l, y, -100, d);
                grads[b] = get(backends[b], d);
            }
        }
        assertEquals(loss[0], loss[1], 1e-5 * (1 + Math.abs(loss[0])));
        assertClose(grads[0], grads[1], 1e-6, "dLogits");
        try (TensorScope s = TensorScope.open()) {
            Tensor l = put(gpu, s, logits, n, classes);
            labels[3] = classes;
            Tensor y = putInts(gpu, s, labels, n);
            var e = assertThrows(IllegalArgumentException.class, () -> gpu.softmaxCrossEntropy(l, y, -100, null));
            assertEquals("softmaxCrossEntropy: labels[3] = 40 is outside [0, 40) and is not the ignoreIndex -100", e.getMessage());
        }
    }

    @Test
    void embeddingsAndPooling() {
        int vocab = 17, width = 6;
        int[] ids = {3, 0, 16, 3, 3, 9};
        float[] table = random(rnd, vocab * width), dOut = random(rnd, ids.length * width);
        float[][] r = new float[2][];
        float[][] scatter = new float[2][];
        Backend[] backends = {cpu, gpu};
        for (int b = 0; b < 2; b++) {
            try (TensorScope s = TensorScope.open()) {
                Tensor t = put(backends[b], s, table, vocab, width);
                Tensor i = putInts(backends[b], s, ids, 2, 3);
                Tensor out = backends[b].allocate(s, dev.rnn4j.tensor.DType.FLOAT32, 2, 3, width);
                backends[b].embeddingGather(t, i, out);
                r[b] = get(backends[b], out);
                Tensor g = put(backends[b], s, dOut, 2, 3, width);
                backends[b].embeddingScatterAdd(g, i, t);
                scatter[b] = get(backends[b], t);
            }
        }
        assertArrayEquals(r[0], r[1]);
        assertClose(scatter[0], scatter[1], 1e-6, "scatter-add");
        int[] lengths = {3, 1, 4};
        float[] x = random(rnd, 3 * 4 * 5);
        parity("globalAveragePool", 1e-6, new float[][] {x, new float[15]}, new long[][] {{3, 4, 5}, {3, 5}},
                (be, t) -> be.globalAveragePool(t[0], lengths, t[1]));
        parity("globalAveragePoolBackward", 1e-6, new float[][] {random(rnd, 15), new float[60]}, new long[][] {{3, 5}, {3, 4, 5}},
                (be, t) -> be.globalAveragePoolBackward(t[0], lengths, t[1]));
    }

    @Test
    void optimizers() {
        long[] s = {5, 11};
        float[] p = random(rnd, 55), g = random(rnd, 55), m = random(rnd, 55), v = new float[55];
        for (int i = 0; i < 55; i++) v[i] = Math.abs(m[i]);
        parity("sgd nesterov", 1e-6, new float[][] {g, m, p}, new long[][] {s, s, s}, (be, t) -> be.sgdStep(t[2], t[0], t[1], 0.1f, 0.9f, true));
        parity("sgd plain", 1e-6, new float[][] {g, p}, new long[][] {s, s}, (be, t) -> be.sgdStep(t[1], t[0], null, 0.1f, 0f, false));
        parity("adam", 1e-5, new float[][] {g, m, v, p}, new long[][] {s, s, s, s}, (be, t) -> be.adamStep(t[3], t[0], t[1], t[2], 1e-3f, 0.9f, 0.999f, 1e-8f, 7));
        parity("rmsprop", 1e-5, new float[][] {g, v, p}, new long[][] {s, s, s}, (be, t) -> be.rmspropStep(t[2], t[0], t[1], 1e-2f, 0.99f, 1e-8f));
    }

    @Test
    void cublasGemmMatchesTheCpu() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                long[] as = ta ? new long[] {3, 37, 29} : new long[] {3, 29, 37};
                long[] bs = tb ? new long[] {1, 41, 37} : new long[] {1, 37, 41};
                parity("gemm ta=" + ta + " tb=" + tb, 1e-5, new float[][] {random(rnd, 3 * 29 * 37), random(rnd, 37 * 41), random(rnd, 3 * 29 * 41)},
                        new long[][] {as, bs, {3, 29, 41}}, (be, t) -> be.gemm(ta, tb, 0.7f, t[0], t[1], 0.2f, t[2]));
            }
        }
    }

    @Test
    void errorsLeaveTheBackendUsable() {
        try (TensorScope s = TensorScope.open()) {
            long before = gpu.bytesInUse();
            var oom = assertThrows(CudaOutOfMemoryException.class, () -> gpu.allocate(s, dev.rnn4j.tensor.DType.FLOAT32, 1L << 40));
            assertEquals(before, gpu.bytesInUse(), "nothing stays allocated after " + oom.getMessage());
            Tensor t = gpu.allocate(s, dev.rnn4j.tensor.DType.FLOAT32, 4);
            Tensor ids = putInts(gpu, s, new int[] {0, 5}, 2);
            Tensor out = gpu.allocate(s, dev.rnn4j.tensor.DType.FLOAT32, 2, 2);
            Tensor table = gpu.allocate(s, dev.rnn4j.tensor.DType.FLOAT32, 5, 2);
            assertThrows(IllegalArgumentException.class, () -> gpu.embeddingGather(table, ids, out));
            gpu.fill(t, 1f);
            assertEquals(4f, gpu.sum(t));
        }
        try (CudaBackend other = CudaBackend.create(0); TensorScope s = TensorScope.open()) {
            Tensor t = other.allocate(s, dev.rnn4j.tensor.DType.FLOAT32, 4);
            other.close();
            assertThrows(IllegalStateException.class, () -> other.fill(t, 1f));
        }
    }
}
