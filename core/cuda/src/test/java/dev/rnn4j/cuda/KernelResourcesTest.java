package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped PTX exists and declares every kernel the Java side launches. */
class KernelResourcesTest {

    @Test
    void everyLaunchedKernelIsAnEntryOfItsModule() {
        for (Kernel k : Kernel.values()) {
            Set<String> entries = KernelModule.entries(KernelModule.ptx(k.module()));
            assertTrue(entries.contains(k.entry()), k + ": " + k.entry() + " not declared in " + k.module() + ".ptx, which has " + entries);
        }
    }

    @Test
    void everyShippedEntryIsLaunched() {
        Set<String> modules = new java.util.TreeSet<>();
        for (Kernel k : Kernel.values()) modules.add(k.module());
        Set<String> launched = new java.util.HashSet<>();
        for (Kernel k : Kernel.values()) launched.add(k.entry());
        for (String m : modules) {
            for (String entry : KernelModule.entries(KernelModule.ptx(m))) assertTrue(launched.contains(entry), entry + " in " + m + ".ptx is never launched");
        }
    }

    @Test
    void ptxIsaMatchesWhatTheErrorMessagesSay() {
        for (String m : new String[] {"pointwise", "reductions", "embedding", "optimizers"}) {
            String ptx = KernelModule.ptx(m);
            assertEquals("9.0", KernelModule.isaVersion(ptx), m);
            assertTrue(KernelModule.PTX_DESCRIPTION.contains("PTX ISA " + KernelModule.isaVersion(ptx)));
            assertTrue(ptx.contains(".target sm_75"), m + " is not built for compute_75");
        }
    }

    @Test
    void entryParserReadsVisibleAndPlainEntries() {
        String ptx = ".version 9.0\n.visible .entry foo_f32(\n .param .u64 a\n)\n{\n}\n.entry bar (\n)\n";
        assertEquals(Set.of("foo_f32", "bar"), KernelModule.entries(ptx));
        assertEquals("9.0", KernelModule.isaVersion(ptx));
    }

    @Test
    void missingModuleIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelModule.ptx("nope"));
        assertTrue(e.getMessage().contains("dev/rnn4j/cuda/nope.ptx is missing"), e.getMessage());
    }
}
