package dev.rnn4j.testing;

/**
 * What is known about PyTorch's own wrong results, so that a test or the peer runner that finds PyTorch
 * disagreeing with the project's double-precision reference names PyTorch, the likely cause and the ISA in
 * effect, instead of blaming rnn4j. DJL's libtorch 2.7.1 bundles oneDNN 3.7.1; on some AVX-512 machines its
 * AVX2/AVX-512 code paths compute wrong conv1d input gradients and wrong LSTM outputs, while at
 * {@code ONEDNN_MAX_CPU_ISA=AVX} they are right. The parent pom sets that variable for every test JVM;
 * {@code bench/peers} times PyTorch as users get it, unpinned. No JUnit here: bench's main code uses it.
 */
public final class PyTorchDefects {

    /** The environment variable that caps the instruction set oneDNN's JIT may use. */
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    /** The conv1d input-gradient defect, as found by Conv1DTest on an AVX-512 machine. */
    public static final String CONV1D_INPUT_GRADIENT = "oneDNN's jit_uni_reorder zero-fill of padded 16x16 weight blocks"
            + " overwrites kernel taps 1..k-1 when the filter count is not a multiple of 16 (AVX2 and AVX-512; right at AVX)";

    /** The RNN defect, as found by the LSTM parity tests on an AVX-512 machine. */
    public static final String RNN = "oneDNN's AVX-512 RNN path computes wrong LSTM outputs on some AVX-512 machines (right at AVX)";

    private PyTorchDefects() {
    }

    /** {@code ONEDNN_MAX_CPU_ISA=<value>} as this JVM sees it, or that it is unset (oneDNN then uses the widest ISA the CPU has). */
    public static String isaInEffect() {
        String value = System.getenv(ISA_VARIABLE);
        return value == null || value.isBlank()
                ? ISA_VARIABLE + " unset (oneDNN uses the widest ISA this CPU has)"
                : ISA_VARIABLE + "=" + value;
    }

    /** "likely cause: …" naming the bundled oneDNN, the known defect and the ISA in effect. */
    public static String likelyCause(String knownDefect) {
        return "likely cause: the oneDNN 3.7.1 bundled in DJL's libtorch 2.7.1: " + knownDefect + "; this JVM runs with "
                + isaInEffect();
    }
}
