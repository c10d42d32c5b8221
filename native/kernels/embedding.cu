// Embedding gather and scatter-add. Ids were range-checked on the host before the launch.
#include "common.cuh"

// out[n, w] = table[ids[n], w]
extern "C" __global__ void embedding_gather_f32(const float* table, const int* ids, float* out, i64 count, i64 width) {
    GRID_STRIDE(i, count * width) {
        i64 n = i / width, w = i % width;
        out[i] = table[(i64)ids[n] * width + w];
    }
}

// dTable[ids[n], w] += dOut[n, w]   (atomicAdd: repeated ids accumulate; order of the adds is not fixed)
extern "C" __global__ void embedding_scatter_add_f32(const float* dOut, const int* ids, float* dTable, i64 count, i64 width) {
    GRID_STRIDE(i, count * width) {
        i64 n = i / width, w = i % width;
        atomicAdd(dTable + (i64)ids[n] * width + w, dOut[i]);
    }
}
