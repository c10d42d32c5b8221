package dev.rnn4j.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped PTX (built by native/build-ptx.sh from native/kernels/*.cu): reading the resources and
 * parsing their .entry names. Loading them into a context is {@link CudaKernels}' job.
 */
final class KernelModule {

    static final String PTX_DESCRIPTION = "PTX ISA 9.0 for compute_75, built with nvcc 13.0";
    static final String PTX_MIN_CUDA = "13.0";
    static final String PTX_MIN_DRIVER = "driver r580";

    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version\\s+(\\S+)");

    private KernelModule() {
    }

    static String resourceName(String module) {
        return module + ".ptx";
    }

    /** The PTX text of {@code module}, or an IllegalStateException naming the missing resource. */
    static String ptx(String module) {
        try (InputStream in = KernelModule.class.getResourceAsStream(resourceName(module))) {
            if (in == null) throw new IllegalStateException("PTX resource dev/rnn4j/cuda/" + resourceName(module) + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("reading PTX resource " + resourceName(module), e);
        }
    }

    /** The kernel names a PTX text declares. */
    static Set<String> entries(String ptx) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** The PTX ISA version of a PTX text ("9.0"), or null. */
    static String isaVersion(String ptx) {
        Matcher m = VERSION.matcher(ptx);
        return m.find() ? m.group(1) : null;
    }
}
