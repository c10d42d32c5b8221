package dev.rnn4j.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.bench.peers.PeerResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join of both sides on hand-made result lines and output files. */
class GpuComparisonTest {

    private static final List<GpuCase> TINY = GpuCases.plan(GpuCases.Plan.TINY, 1, 3, 42);

    private static GpuCase named(String name) {
        return TINY.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static SideResult result(GpuCase c, String rest) {
        return SideResult.parse("id=" + c.id() + " case=" + c.name() + " " + rest);
    }

    @Test
    void equalOutputsPassAndTheRatioIsJudgedByTheTarget(@TempDir Path data) throws IOException {
        GpuCase fwd = named("lstm-fwd");
        float[] y = CounterUniform.uniform(1, 1, 5 * 3 * 6, 1f);
        F32Files.write(data.resolve("rnn4j-" + fwd.id() + "-y.f32"), y);
        float[] near = y.clone();
        near[4] += 1e-6f;
        F32Files.write(data.resolve("pytorch-" + fwd.id() + "-y.f32"), near);
        var lines = new GpuComparison(data, TINY, Map.of(fwd.id(), result(fwd, "ms=1.0 timer=cuda-events")),
                Map.of(fwd.id(), result(fwd, "ms=2.0"))).lines();
        String check = lines.stream().filter(l -> l.startsWith("# check id=" + fwd.id() + " ")).findFirst().orElseThrow();
        assertTrue(check.contains("rel_err_y=") && check.endsWith("-> ok"), check);
        PeerResult r = PeerResult.parse(lines.stream().filter(l -> l.startsWith("case=lstm-fwd T=5")).findFirst().orElseThrow());
        assertEquals(0.5, r.ratio(), 1e-12);
        assertEquals(Map.of("target", "1.05", "met", "yes", "check", "ok"), r.extras());
        // every other case of the plan has no result on either side
        assertEquals(TINY.size() - 1, lines.stream().filter(l -> l.startsWith("# failed ")).count());
    }

    @Test
    void differentOutputsAreAMismatchAndASlowCaseMissesItsTarget(@TempDir Path data) throws IOException {
        GpuCase c = named("sgemm-fp32");
        float[] product = CounterUniform.uniform(3, 3, 16 * 16, 1f);
        F32Files.write(data.resolve("rnn4j-" + c.id() + "-c.f32"), product);
        float[] other = product.clone();
        other[0] = -other[0] + 0.5f;
        F32Files.write(data.resolve("pytorch-" + c.id() + "-c.f32"), other);
        var lines = new GpuComparison(data, List.of(c), Map.of(c.id(), result(c, "ms=2.0")), Map.of(c.id(), result(c, "ms=1.0"))).lines();
        assertTrue(lines.get(0).endsWith("-> MISMATCH"), lines.get(0));
        PeerResult r = PeerResult.parse(lines.get(1));
        assertEquals("MISMATCH", r.extras().get("check"));
        assertEquals("n/a", r.extras().get("met"), "SGEMM has no target");
        assertEquals("0.0", r.extras().get("rnn4j_tflops"));
    }

    @Test
    void aFailedOrMissingSideIsSaidAndAMissingOutputIsNamed(@TempDir Path data) throws IOException {
        GpuCase c = named("charlm-train");
        var failed = new GpuComparison(data, List.of(c), Map.of(c.id(), result(c, "error=CudaException: cudnnRNNForward failed")), Map.of()).lines();
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).contains("rnn4j: error: CudaException: cudnnRNNForward failed")
                && failed.get(0).contains("pytorch: no result"), failed.get(0));

        var losses = new GpuComparison(data, List.of(c), Map.of(c.id(), result(c, "ms=3 loss1=2.0 loss2=1.9 loss3=1.8")),
                Map.of(c.id(), result(c, "ms=4 loss1=2.0 loss2=1.9 loss3=1.8000001"))).lines();
        assertTrue(losses.get(0).contains("step3_loss rnn4j=1.800000 pytorch=1.800000") && losses.get(0).endsWith("-> ok"), losses.get(0));
        assertTrue(PeerResult.parse(losses.get(1)).extras().get("tokens_per_s_ratio").equals("1.333"), losses.get(1));

        GpuCase fwd = named("gru-fwd");
        var missing = new GpuComparison(data, List.of(fwd), Map.of(fwd.id(), result(fwd, "ms=1")), Map.of(fwd.id(), result(fwd, "ms=1"))).lines();
        assertTrue(missing.get(0).contains("missing") && missing.get(0).contains("rnn4j-" + fwd.id() + "-y.f32"), missing.get(0));
        assertEquals("missing", PeerResult.parse(missing.get(1)).extras().get("check"));
    }

    @Test
    void resultLinesAndOutputFilesAreCheckedOnReading(@TempDir Path dir) throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> SideResult.parse("case=x ms=1"));
        assertTrue(e.getMessage().contains("lacks id="), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SideResult.parse("id=1 case=x ms=-1").ms());
        SideResult err = SideResult.parse("id=1 case=x error=RuntimeError: CUDA out of memory. Tried to allocate 2 GiB");
        assertEquals("RuntimeError: CUDA out of memory. Tried to allocate 2 GiB", err.error());
        assertTrue(SideResult.read(dir.resolve("absent.txt")).isEmpty());

        Path f = dir.resolve("a.f32");
        F32Files.write(f, new float[] {1, 2, 3});
        assertEquals(List.of(1f, 2f, 3f), List.of(box(F32Files.read(f, 3))));
        var io = assertThrows(IOException.class, () -> F32Files.read(f, 4));
        assertTrue(io.getMessage().contains("12 bytes, expected 4 float32 values"), io.getMessage());
        Files.write(f, new byte[] {0, 0, (byte) 0x80, 0x3f});
        assertEquals(1f, F32Files.read(f, 1)[0], "little-endian");
    }

    private static Float[] box(float[] a) {
        Float[] out = new Float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }
}
