package dev.rnn4j.cuda;

import java.util.List;

/**
 * What the loaded libraries say about themselves and the GPUs. {@code error} is set (and the rest may be
 * partial) when a query failed, e.g. cuInit on a machine whose driver sees no GPU.
 */
record CudaFacts(int driverVersion, long cudnnVersion, List<DeviceInfo> devices, String error) {
    public CudaFacts {
        devices = List.copyOf(devices);
    }
}
