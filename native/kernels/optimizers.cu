// In-place optimizer updates with PyTorch's semantics (see dev.rnn4j.backend.OptimizerOps).
#include "common.cuh"

// v = momentum * v + g; step = nesterov ? g + momentum * v : v; p -= lr * step. v may be null when momentum == 0.
extern "C" __global__ void sgd_step_f32(float* p, const float* g, float* v, i64 n, float lr, float momentum, int nesterov) {
    GRID_STRIDE(i, n) {
        float grad = g[i];
        float step = grad;
        if (v != nullptr) {
            float vel = momentum * v[i] + grad;
            v[i] = vel;
            step = nesterov ? grad + momentum * vel : vel;
        }
        p[i] -= lr * step;
    }
}

// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= stepSize * m / (sqrt(v) / sqrtCorrection2 + eps), with
// stepSize = lr / (1 - b1^t) and sqrtCorrection2 = sqrt(1 - b2^t) computed on the host in double (as the CPU backend does).
extern "C" __global__ void adam_step_f32(float* p, const float* g, float* m, float* v, i64 n, float beta1, float beta2, float eps,
                                         float stepSize, float sqrtCorrection2) {
    GRID_STRIDE(i, n) {
        float grad = g[i];
        float mi = beta1 * m[i] + (1.0f - beta1) * grad;
        float vi = beta2 * v[i] + (1.0f - beta2) * grad * grad;
        m[i] = mi;
        v[i] = vi;
        p[i] -= stepSize * mi / (sqrtf(vi) / sqrtCorrection2 + eps);
    }
}

// s = rho s + (1-rho) g^2; p -= lr * g / (sqrt(s) + eps)
extern "C" __global__ void rmsprop_step_f32(float* p, const float* g, float* s, i64 n, float lr, float rho, float eps) {
    GRID_STRIDE(i, n) {
        float grad = g[i];
        float si = rho * s[i] + (1.0f - rho) * grad * grad;
        s[i] = si;
        p[i] -= lr * grad / (sqrtf(si) + eps);
    }
}
