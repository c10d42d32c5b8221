package dev.rnn4j.bench.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the process's memory from inside: RSS from {@code /proc/self/status}, the NMT summary through the
 * {@code DiagnosticCommand} MBean (what {@code jcmd <pid> VM.native_memory summary} prints), and the heap
 * in use after a full collection.
 */
public final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName diagnostics;

    public MemoryProbe() {
        try {
            diagnostics = new ObjectName(DIAGNOSTIC_COMMAND);
        } catch (JMException e) {
            throw new IllegalStateException("bad MBean name " + DIAGNOSTIC_COMMAND, e);
        }
    }

    /** Collects the heap, then reads heap, RSS and NMT (in that order, so RSS sees the collected heap). */
    public MemorySample sample() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new MemorySample(rssKb(), nmt(), heap);
    }

    /** VmRSS in kB, or -1 where the system has no /proc/self/status. */
    static long rssKb() {
        if (!Files.isReadable(STATUS)) return -1;
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + STATUS, e);
        }
        throw new IllegalStateException(STATUS + " has no VmRSS line");
    }

    /** The NMT summary, or null when Native Memory Tracking is off in this JVM. */
    NmtSummary nmt() {
        String text;
        try {
            text = (String) server.invoke(diagnostics, "vmNativeMemory", new Object[] {new String[] {"summary", "scale=KB"}},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("VM.native_memory through " + DIAGNOSTIC_COMMAND + " failed: " + e.getMessage(), e);
        }
        if (text.contains("Native memory tracking is not enabled")) return null;
        return NmtSummary.parse(text);
    }
}
