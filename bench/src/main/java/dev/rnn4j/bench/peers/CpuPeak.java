package dev.rnn4j.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The single-precision FMA peak of this CPU: cores × FMA units per core × 16 float lanes (AVX-512) × 2
 * flops per FMA × clock. Model and clock come from /proc/cpuinfo ("cpu MHz" is the clock the kernel
 * reports, usually the nominal one; under a hypervisor the real boost clock may be higher). The number of
 * 512-bit FMA units per core is not readable from the OS: it is taken from the CPU family (see
 * {@link #fmaUnitsFor}) unless given explicitly, and printed as an assumption.
 */
public record CpuPeak(String model, int cores, double ghz, int fmaUnits, int lanes, String fmaAssumption, String clockSource) {

    static final String CPUINFO_CLOCK = "/proc/cpuinfo 'cpu MHz' (often the nominal clock; override with --clock-ghz X)";

    public CpuPeak {
        if (cores < 1 || ghz <= 0 || fmaUnits < 1 || lanes < 1) {
            throw new IllegalArgumentException("bad peak inputs: cores=" + cores + " ghz=" + ghz + " fmaUnits=" + fmaUnits + " lanes=" + lanes);
        }
    }

    /** Peak GFLOP/s. */
    public double gflops() {
        return cores * fmaUnits * lanes * 2.0 * ghz;
    }

    /** Percentage of the peak that {@code gflops} reaches. */
    public double percentOf(double gflops) {
        return 100.0 * gflops / gflops();
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "peak = %d cores x %d FMA units x %d lanes x 2 flops x %.3f GHz = %.1f GFLOP/s (cpu: %s; FMA units: %s; clock: %s)",
                cores, fmaUnits, lanes, ghz, gflops(), model, fmaAssumption, clockSource);
    }

    /** The same peak at another clock (e.g. a measured boost clock), with where that clock came from. */
    public CpuPeak atClock(double newGhz, String source) {
        return new CpuPeak(model, cores, newGhz, fmaUnits, lanes, fmaAssumption, source + "; /proc/cpuinfo says " + String.format(Locale.ROOT, "%.3f", ghz));
    }

    /** This machine, from /proc/cpuinfo; {@code fmaUnitsOverride} > 0 replaces the per-family assumption. */
    public static CpuPeak detect(int fmaUnitsOverride) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/cpuinfo to compute the FMA peak: " + e.getMessage(), e);
        }
        return fromCpuinfo(lines, Runtime.getRuntime().availableProcessors(), fmaUnitsOverride);
    }

    static CpuPeak fromCpuinfo(List<String> cpuinfo, int cores, int fmaUnitsOverride) {
        String model = field(cpuinfo, "model name", "unknown");
        String vendor = field(cpuinfo, "vendor_id", "unknown");
        int family = Integer.parseInt(field(cpuinfo, "cpu family", "0").trim());
        double mhz = Double.parseDouble(field(cpuinfo, "cpu MHz", "0"));
        if (mhz <= 0) throw new IllegalStateException("/proc/cpuinfo has no 'cpu MHz': cannot compute the peak");
        boolean avx512 = field(cpuinfo, "flags", "").contains("avx512f");
        int lanes = avx512 ? 16 : 8;
        if (fmaUnitsOverride > 0) {
            return new CpuPeak(model, cores, mhz / 1000, fmaUnitsOverride, lanes, fmaUnitsOverride + " (given with --fma-units)", CPUINFO_CLOCK);
        }
        int units = fmaUnitsFor(vendor, family);
        String why = units + " assumed for " + vendor + " family " + family + " (" + (lanes * 32) + "-bit vectors);"
                + " override with --fma-units N";
        return new CpuPeak(model, cores, mhz / 1000, units, lanes, why, CPUINFO_CLOCK);
    }

    /**
     * Full-width FMA units per core. AMD family 0x1A (Zen 5, EPYC 9005) has two 512-bit FMA pipes; family 0x19
     * (Zen 4) executes 512-bit FMAs as two 256-bit halves (one 512-bit FMA per cycle); Intel server cores
     * with AVX-512 are taken as two units (Xeon Gold/Platinum; some lower SKUs have one).
     */
    static int fmaUnitsFor(String vendor, int family) {
        if (vendor.contains("AMD")) return family >= 0x1A ? 2 : 1;
        return 2;
    }

    private static String field(List<String> cpuinfo, String key, String fallback) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
        }
        return fallback;
    }
}
