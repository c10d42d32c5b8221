package dev.rnn4j.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuCasesTest {

    @Test
    void devicePlanIsTheIssues() {
        List<GpuCase> plan = GpuCases.plan(GpuCases.Plan.DEVICE, 5, 30, 42);
        List<String> lines = plan.stream().map(c -> c.name() + " " + c.dims()).toList();
        assertEquals(List.of(
                "lstm-fwd T=100 B=64 I=512 H=512", "lstm-fwdbwd T=100 B=64 I=512 H=512",
                "gru-fwd T=100 B=64 I=512 H=512", "gru-fwdbwd T=100 B=64 I=512 H=512",
                "lstm-fwd T=200 B=128 I=1024 H=1024", "lstm-fwdbwd T=200 B=128 I=1024 H=1024",
                "gru-fwd T=200 B=128 I=1024 H=1024", "gru-fwdbwd T=200 B=128 I=1024 H=1024",
                "lstm-ragged-fwd T=100 B=64 I=512 H=512", "lstm-ragged-fwdbwd T=100 B=64 I=512 H=512",
                "sgemm-fp32 M=8192 N=8192 K=8192", "sgemm-tf32 M=8192 N=8192 K=8192", "sgemm-bf16 M=8192 N=8192 K=8192",
                "charlm-train T=100 B=64 E=64 H=256 V=60"), lines);
        Map<String, String> targets = plan.stream().collect(Collectors.toMap(c -> c.name() + c.dims(), c -> c.param("target")));
        assertEquals("1.05", targets.get("lstm-fwdT=100 B=64 I=512 H=512"));
        assertEquals("1.00", targets.get("charlm-trainT=100 B=64 E=64 H=256 V=60"));
        assertEquals("none", targets.get("sgemm-fp32M=8192 N=8192 K=8192"));
        assertEquals(plan.size(), plan.stream().map(GpuCase::id).distinct().count(), "ids are unique");
        assertEquals(1 / Math.sqrt(512), plan.getFirst().floatBitsParam("wscale"), 1e-8);
    }

    @Test
    void casesFileRoundTrips(@TempDir Path dir) throws IOException {
        List<GpuCase> plan = GpuCases.plan(GpuCases.Plan.TINY, 1, 3, 7);
        Path file = dir.resolve("cases.txt");
        GpuCases.write(plan, file);
        assertEquals(plan, GpuCases.read(file));
    }

    @Test
    void badCasesFilesAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cases.txt");
        Files.writeString(file, "id=1 case=a kind=rnn\nid=1 case=b kind=sgemm\n");
        var e = assertThrows(IllegalArgumentException.class, () -> GpuCases.read(file));
        assertTrue(e.getMessage().contains("case id 1 appears twice"), e.getMessage());
        Files.writeString(file, "id=1 case=a kind=video\n");
        e = assertThrows(IllegalArgumentException.class, () -> GpuCases.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("kind must be one of"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GpuCase.parse("id=x case=a kind=rnn"));
        assertThrows(IllegalArgumentException.class, () -> GpuCase.parse("case=a kind=rnn"));
        var c = GpuCase.parse("id=2 case=a kind=rnn T=abc");
        e = assertThrows(IllegalArgumentException.class, () -> c.intParam("T"));
        assertTrue(e.getMessage().contains("T must be an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.param("H"));
        assertTrue(e.getMessage().contains("has no H="), e.getMessage());
    }

    @Test
    void raggedLengthsRunFromTDownToOne() {
        assertEquals(List.of(100, 99, 97), java.util.Arrays.stream(GpuInputs.raggedLengths(100, 64)).boxed().toList().subList(0, 3));
        int[] l = GpuInputs.raggedLengths(100, 64);
        assertEquals(1, l[63]);
        for (int b = 1; b < l.length; b++) assertTrue(l[b] <= l[b - 1], "non-increasing at " + b);
        assertEquals(List.of(5), java.util.Arrays.stream(GpuInputs.raggedLengths(5, 1)).boxed().toList());
    }
}
