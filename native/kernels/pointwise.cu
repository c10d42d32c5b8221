// Elementwise kernels: fill, binary ops with suffix broadcast, axpby, activations, clamp, dropout masks.
// Bidirectional merges (sum, ave, mul) are binary ops (ADD/MUL, then axpby by 0.5 for ave): no kernel of their own.
#include "common.cuh"

// Activation codes = ordinal of dev.rnn4j.backend.Activation; op codes = ordinal of BinaryOp.
enum { IDENTITY = 0, TANH = 1, SIGMOID = 2, RELU = 3 };
enum { ADD = 0, SUB = 1, MUL = 2, DIV = 3 };

extern "C" __global__ void fill_f32(float* x, i64 n, float value) {
    GRID_STRIDE(i, n) x[i] = value;
}

// out[i] = a[i] op b[i % nb]: b is a's shape or a suffix of it.
extern "C" __global__ void binary_f32(int op, const float* a, const float* b, float* out, i64 n, i64 nb) {
    GRID_STRIDE(i, n) {
        float x = a[i], y = b[nb == n ? i : i % nb];
        float r;
        switch (op) {
            case ADD: r = x + y; break;
            case SUB: r = x - y; break;
            case MUL: r = x * y; break;
            default:  r = x / y; break;
        }
        out[i] = r;
    }
}

// y = alpha * x + beta * y (beta == 0 ignores y, so NaNs in an uninitialised y do not leak)
extern "C" __global__ void axpby_f32(i64 n, float alpha, const float* x, float beta, float* y) {
    GRID_STRIDE(i, n) y[i] = beta == 0.0f ? alpha * x[i] : alpha * x[i] + beta * y[i];
}

__device__ __forceinline__ float activate(int f, float x) {
    switch (f) {
        case TANH: return tanhf(x);
        case SIGMOID: return 1.0f / (1.0f + expf(-x));
        case RELU: return x > 0.0f ? x : 0.0f;
        default: return x;
    }
}

// derivative written through the forward output y
__device__ __forceinline__ float activate_grad(int f, float y) {
    switch (f) {
        case TANH: return 1.0f - y * y;
        case SIGMOID: return y * (1.0f - y);
        case RELU: return y > 0.0f ? 1.0f : 0.0f;
        default: return 1.0f;
    }
}

extern "C" __global__ void activation_fwd_f32(int f, const float* x, float* y, i64 n) {
    GRID_STRIDE(i, n) y[i] = activate(f, x[i]);
}

extern "C" __global__ void activation_bwd_f32(int f, const float* y, const float* dy, float* dx, i64 n) {
    GRID_STRIDE(i, n) dx[i] = dy[i] * activate_grad(f, y[i]);
}

extern "C" __global__ void clamp_f32(float* x, i64 n, float lo, float hi) {
    GRID_STRIDE(i, n) x[i] = fminf(fmaxf(x[i], lo), hi);
}

// dev.rnn4j.backend.CounterRandom, bit for bit: SplitMix64's finaliser of seed + (index + 1) * golden gamma.
__device__ __forceinline__ unsigned long long counter_bits(unsigned long long seed, unsigned long long index) {
    unsigned long long z = seed + (index + 1ULL) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// mask[i] = uniform(seed, i) < rate ? 0 : keepScale, keepScale = 1/(1-rate) computed on the host in float.
extern "C" __global__ void dropout_mask_f32(float* mask, i64 n, float rate, float keepScale, unsigned long long seed) {
    GRID_STRIDE(i, n) {
        float u = (float)(counter_bits(seed, (unsigned long long)i) >> 40) * 0x1.0p-24f;
        mask[i] = u < rate ? 0.0f : keepScale;
    }
}
