package dev.rnn4j.bench.soak;

/**
 * The process's memory at one moment.
 *
 * @param rssKb     resident set size (VmRSS of /proc/self/status), or -1 where there is no /proc
 * @param nmt       the Native Memory Tracking summary, or null when the JVM runs without
 *                  {@code -XX:NativeMemoryTracking=summary}
 * @param heapUsed  bytes of Java heap in use, just after a {@code System.gc()}
 */
public record MemorySample(long rssKb, NmtSummary nmt, long heapUsed) {
}
