package dev.rnn4j.cuda;

/**
 * Grid and block sizes of one launch. Every kernel loops grid-stride, so grids are capped without losing
 * elements; row kernels use one block per row with a power-of-two block (their tree reductions need it)
 * and one float of shared memory per thread.
 */
record LaunchConfig(int gridX, int blockX, int sharedBytes) {

    static final int ELEMENTWISE_BLOCK = 256;
    static final int MAX_GRID = 4096;
    static final int MAX_ROW_GRID = 65535;
    static final int REDUCTION_BLOCKS = 1024;

    LaunchConfig {
        if (gridX < 1 || blockX < 1 || blockX > 1024 || sharedBytes < 0) {
            throw new IllegalArgumentException("bad launch config grid=" + gridX + " block=" + blockX + " shared=" + sharedBytes);
        }
    }

    /** n independent elements. */
    static LaunchConfig elementwise(long n) {
        long blocks = Math.ceilDiv(Math.max(n, 1), ELEMENTWISE_BLOCK);
        return new LaunchConfig((int) Math.min(blocks, MAX_GRID), ELEMENTWISE_BLOCK, 0);
    }

    /** One block per row of {@code cols} elements. */
    static LaunchConfig rows(long rows, long cols) {
        int threads = (int) Math.clamp(nextPowerOfTwo(cols), 32, 1024);
        return new LaunchConfig((int) Math.clamp(rows, 1, MAX_ROW_GRID), threads, threads * Float.BYTES);
    }

    /** First pass of a full reduction of n elements: its grid is the number of partial sums. */
    static LaunchConfig reductionPartial(long n) {
        long blocks = Math.ceilDiv(Math.max(n, 1), ELEMENTWISE_BLOCK);
        return new LaunchConfig((int) Math.min(blocks, REDUCTION_BLOCKS), ELEMENTWISE_BLOCK, ELEMENTWISE_BLOCK * Float.BYTES);
    }

    /** Second pass: one block sums the partials. */
    static LaunchConfig reductionFinal() {
        return new LaunchConfig(1, ELEMENTWISE_BLOCK, ELEMENTWISE_BLOCK * Float.BYTES);
    }

    static long nextPowerOfTwo(long n) {
        if (n <= 1) return 1;
        return Long.highestOneBit(n - 1) << 1;
    }
}
