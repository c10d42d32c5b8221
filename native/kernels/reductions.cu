// Reductions (deterministic: fixed two-pass trees, no atomics), bias gradients, softmax, fused softmax
// cross-entropy and global average pooling.
#include "common.cuh"

// Pass 1: partial[block] = sum over a grid-stride slice of x (or of x^2 when squares != 0).
extern "C" __global__ void sum_partial_f32(const float* x, i64 n, int squares, float* partial) {
    extern __shared__ float shared[];
    float acc = 0.0f;
    GRID_STRIDE(i, n) acc += squares ? x[i] * x[i] : x[i];
    float s = block_sum(acc, shared);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

// Pass 2 (one block): out[0] = sum of the partials.
extern "C" __global__ void sum_final_f32(const float* partial, i64 n, float* out) {
    extern __shared__ float shared[];
    float acc = 0.0f;
    for (i64 i = threadIdx.x; i < n; i += blockDim.x) acc += partial[i];
    float s = block_sum(acc, shared);
    if (threadIdx.x == 0) out[0] = s;
}

// out[c] = beta * out[c] + sum_r x[r, c]; one thread per column, rows in order (coalesced across columns).
extern "C" __global__ void sum_to_last_dim_f32(const float* x, i64 rows, i64 cols, float beta, float* out) {
    GRID_STRIDE(c, cols) {
        float acc = 0.0f;
        for (i64 r = 0; r < rows; r++) acc += x[r * cols + c];
        out[c] = beta == 0.0f ? acc : beta * out[c] + acc;
    }
}

// Block-wide over one row: m = max(xr), s = sum(exp(xr - m)) (the stable softmax normaliser).
__device__ __forceinline__ void row_max_and_exp_sum(const float* xr, i64 cols, float* shared, float& m, float& s) {
    m = -INFINITY;
    for (i64 c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, xr[c]);
    m = block_max(m, shared);
    s = 0.0f;
    for (i64 c = threadIdx.x; c < cols; c += blockDim.x) s += expf(xr[c] - m);
    s = block_sum(s, shared);
}

// One block per row (grid-stride over rows): y = softmax(x) or log_softmax(x) over the last dim.
extern "C" __global__ void softmax_fwd_f32(const float* x, float* y, i64 rows, i64 cols, int log) {
    extern __shared__ float shared[];
    for (i64 r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* xr = x + r * cols;
        float* yr = y + r * cols;
        float m, s;
        row_max_and_exp_sum(xr, cols, shared, m, s);
        float logS = logf(s);
        for (i64 c = threadIdx.x; c < cols; c += blockDim.x) yr[c] = log ? xr[c] - m - logS : expf(xr[c] - m) / s;
    }
}

// softmax:     dx = y * (dy - sum(dy * y));   log-softmax: dx = dy - exp(y) * sum(dy)
extern "C" __global__ void softmax_bwd_f32(const float* y, const float* dy, float* dx, i64 rows, i64 cols, int log) {
    extern __shared__ float shared[];
    for (i64 r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* yr = y + r * cols;
        const float* dyr = dy + r * cols;
        float* dxr = dx + r * cols;
        float s = 0.0f;
        for (i64 c = threadIdx.x; c < cols; c += blockDim.x) s += log ? dyr[c] : dyr[c] * yr[c];
        s = block_sum(s, shared);
        for (i64 c = threadIdx.x; c < cols; c += blockDim.x) dxr[c] = log ? dyr[c] - expf(yr[c]) * s : yr[c] * (dyr[c] - s);
    }
}

// Fused softmax cross-entropy, one block per row. rowLoss[r] = logsumexp(x_r) - x_r[label] (0 when ignored);
// dLogits (may be null) = (softmax(x_r) - onehot(label)) * invCount, zero rows for ignored labels.
// Labels were range-checked on the host before the launch.
extern "C" __global__ void softmax_xent_f32(const float* logits, const int* labels, i64 rows, i64 cols, int ignoreIndex,
                                            float invCount, float* rowLoss, float* dLogits) {
    extern __shared__ float shared[];
    for (i64 r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* xr = logits + r * cols;
        int label = labels[r];
        bool ignored = label == ignoreIndex;
        float m, s;
        row_max_and_exp_sum(xr, cols, shared, m, s);
        float lse = m + logf(s);
        if (threadIdx.x == 0) rowLoss[r] = ignored ? 0.0f : lse - xr[label];
        if (dLogits != nullptr) {
            float* dr = dLogits + r * cols;
            for (i64 c = threadIdx.x; c < cols; c += blockDim.x) {
                dr[c] = ignored ? 0.0f : (expf(xr[c] - lse) - (c == label ? 1.0f : 0.0f)) * invCount;
            }
        }
    }
}

// out[b, f] = mean over t < len(b) of x[b, t, f]; lengths null means T for every b.
extern "C" __global__ void global_avg_pool_fwd_f32(const float* x, const int* lengths, float* out, i64 batch, i64 steps, i64 features) {
    GRID_STRIDE(i, batch * features) {
        i64 b = i / features, f = i % features;
        i64 len = lengths == nullptr ? steps : lengths[b];
        float acc = 0.0f;
        for (i64 t = 0; t < len; t++) acc += x[(b * steps + t) * features + f];
        out[i] = acc / (float)len;
    }
}

// dx[b, t, f] = dOut[b, f] / len(b) for t < len(b), else 0.
extern "C" __global__ void global_avg_pool_bwd_f32(const float* dOut, const int* lengths, float* dx, i64 batch, i64 steps, i64 features) {
    GRID_STRIDE(i, batch * steps * features) {
        i64 f = i % features, t = (i / features) % steps, b = i / (features * steps);
        i64 len = lengths == nullptr ? steps : lengths[b];
        dx[i] = t < len ? dOut[b * features + f] / (float)len : 0.0f;
    }
}
