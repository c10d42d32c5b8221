package dev.rnn4j.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.bench.peers.RnnProblem;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.testing.ReferenceRnn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rnn4j side of the GPU benchmark, run on the CPU backend at the tiny plan: what it writes for the
 * comparison equals the double-precision references (the RNN's y, with ragged lengths too, and C = A·B).
 */
class Rnn4jGpuSideTest {

    private static final List<GpuCase> TINY = GpuCases.plan(GpuCases.Plan.TINY, 0, 1, 42);

    private static GpuCase named(String name) {
        return TINY.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void writtenOutputsEqualTheReferences(@TempDir Path data) throws IOException {
        try (var side = new Rnn4jGpuSide("cpu", data)) {
            for (String name : List.of("gru-fwd", "lstm-ragged-fwd")) {
                GpuCase c = named(name);
                String line = side.run(c);
                assertTrue(line.startsWith("id=" + c.id() + " case=" + name + " ms=") && line.contains("timer=wall-clock"), line);
                RnnProblem p = GpuInputs.rnn(c);
                int[] lengths = GpuInputs.lengths(c);
                var t = p.shape();
                var xDesc = lengths == null ? RnnDataDescriptor.full(t.seqLength(), t.batch(), t.inputSize(), RnnDataLayout.SEQ_MAJOR)
                        : new RnnDataDescriptor(t.seqLength(), t.batch(), t.inputSize(), lengths, RnnDataLayout.SEQ_MAJOR);
                double[] y = new ReferenceRnn(p.descriptor()).forward(xDesc, doubles(p.x()), null, null, doubles(p.weightSpace()), null).y();
                float[] ours = F32Files.read(data.resolve("rnn4j-" + c.id() + "-y.f32"), y.length);
                for (int i = 0; i < y.length; i++) assertEquals(y[i], ours[i], 1e-5, name + " y[" + i + "]");
            }
            GpuCase gemm = named("sgemm-fp32");
            side.run(gemm);
            float[][] ab = GpuInputs.sgemm(gemm);
            int n = gemm.intParam("N"), k = gemm.intParam("K");
            float[] c = F32Files.read(data.resolve("rnn4j-" + gemm.id() + "-c.f32"), gemm.intParam("check_rows") * n);
            for (int i = 0; i < gemm.intParam("check_rows"); i++) {
                for (int j = 0; j < n; j++) {
                    double e = 0;
                    for (int q = 0; q < k; q++) e += (double) ab[0][i * k + q] * ab[1][q * n + j];
                    assertEquals(e, c[i * n + j], 1e-5 * (1 + Math.abs(e)), "C[" + i + "," + j + "]");
                }
            }
            GpuCase lm = named("charlm-train");
            String line = side.run(lm);
            assertTrue(line.matches(".* loss1=[0-9.]+ loss2=[0-9.]+ loss3=[0-9.]+$"), line);
        }
    }

    private static double[] doubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
