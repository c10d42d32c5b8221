package dev.rnn4j.bench.gpu;

/**
 * The one random generator both sides of the GPU benchmark use, so that rnn4j and PyTorch get bit-identical
 * inputs and weights without exchanging files: element {@code i} of stream {@code s} is a pure function of
 * (seed, s, i), cheap to compute in a Java loop and as whole-tensor integer arithmetic in PyTorch
 * ({@code bench/src/main/python/gpu_pytorch_side.py} implements the same formulas). All arithmetic is modulo 2³²:
 * <pre>
 *   fmix32(h)    = MurmurHash3's finaliser: h ^= h>>>16; h *= 0x85EBCA6B; h ^= h>>>13; h *= 0xC2B2AE35; h ^= h>>>16
 *   key(seed, s) = fmix32(seed · 0x9E3779B9 + s)
 *   bits(i)      = fmix32(i · 0x9E3779B1 + key)                      (0 &lt;= i &lt; 2³¹)
 *   uniform(i)   = ((bits(i) >>> 8) · 2⁻²³ − 1) · scale, in float32   (in [−scale, scale))
 *   index(i, n)  = (bits(i) >>> 8) mod n
 * </pre>
 * {@code (bits >>> 8) · 2⁻²³ − 1} is exact in float32, so the only rounding is the single float32 product
 * with {@code scale}, which IEEE arithmetic rounds the same everywhere.
 */
public final class CounterUniform {

    private CounterUniform() {
    }

    static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    static int key(long seed, int stream) {
        return fmix32((int) seed * 0x9E3779B9 + stream);
    }

    static int bits(int key, int i) {
        return fmix32(i * 0x9E3779B1 + key);
    }

    /** {@code n} floats of stream {@code stream}, uniform in [−scale, scale). */
    public static float[] uniform(long seed, int stream, int n, float scale) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        int key = key(seed, stream);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = uniform(key, i, scale);
        return out;
    }

    /** Element {@code i} of the stream with this key. */
    static float uniform(int key, int i, float scale) {
        return ((bits(key, i) >>> 8) * 0x1p-23f - 1f) * scale;
    }

    static int index(int key, int i, int bound) {
        return (bits(key, i) >>> 8) % bound;
    }

    /** {@code n} integers of stream {@code stream} in [0, bound). */
    public static int[] indices(long seed, int stream, int n, int bound) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        if (bound < 1) throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        int key = key(seed, stream);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = index(key, i, bound);
        return out;
    }
}
