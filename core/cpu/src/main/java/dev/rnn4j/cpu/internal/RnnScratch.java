package dev.rnn4j.cpu.internal;

/**
 * Per calling thread, one growing heap array for the running state of an RNN time loop (states, the
 * recurrent products, the packed recurrent weights). On the heap, so that the per-step SGEMM reads its
 * A operand straight from an array; kept between calls, so that a call allocates nothing once warm.
 */
final class RnnScratch {

    private static final ThreadLocal<float[]> ARRAY = ThreadLocal.withInitial(() -> new float[0]);

    private RnnScratch() {
    }

    /** An array of at least {@code floats} floats, with unspecified contents. */
    static float[] of(long floats) {
        if (floats > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("rnn: the CPU time loop needs " + floats + " floats of scratch, more than one Java array holds");
        }
        float[] array = ARRAY.get();
        if (array.length < floats) {
            array = new float[(int) floats];
            ARRAY.set(array);
        }
        return array;
    }
}
