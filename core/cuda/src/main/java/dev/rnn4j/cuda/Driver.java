package dev.rnn4j.cuda;

import dev.rnn4j.cuda.loader.NativeLibraries;
import static dev.rnn4j.bindings.cuda.cuda_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The CUDA driver API calls the backend makes, each status-checked. Only called after
 * {@link NativeLibraries#load()} succeeded. Device pointers are {@code long}s (CUdeviceptr).
 */
final class Driver {

    private Driver() {
    }

    static void init() {
        Status.cu(cuInit(0), "cuInit");
    }

    static int driverVersion() {
        return outInt("cuDriverGetVersion", v -> cuDriverGetVersion(v));
    }

    /** "13.0" from 13000. */
    static String versionString(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    static int deviceCount() {
        return outInt("cuDeviceGetCount", n -> cuDeviceGetCount(n));
    }

    static int device(int ordinal) {
        return outInt("cuDeviceGet", d -> cuDeviceGet(d, ordinal));
    }

    static DeviceInfo deviceInfo(int ordinal) {
        int dev = device(ordinal);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment name = a.allocate(256);
            Status.cu(cuDeviceGetName(name, 256, dev), "cuDeviceGetName");
            MemorySegment bytes = a.allocate(ValueLayout.JAVA_LONG);
            Status.cu(cuDeviceTotalMem_v2(bytes, dev), "cuDeviceTotalMem_v2");
            return new DeviceInfo(ordinal, name.getString(0), bytes.get(ValueLayout.JAVA_LONG, 0),
                    attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR(), dev), attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR(), dev),
                    attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT(), dev));
        }
    }

    /** A driver call that returns its result through an out-parameter; returns its status. */
    private interface OutCall {
        int call(MemorySegment out);
    }

    /** Runs {@code call} with an int out-parameter, checks its status and returns the value. */
    private static int outInt(String function, OutCall call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            Status.cu(call.call(v), function);
            return v.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** Runs {@code call} with a pointer out-parameter, checks its status and returns the pointer. */
    private static MemorySegment outAddress(String function, OutCall call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cu(call.call(p), function);
            return p.get(ValueLayout.ADDRESS, 0);
        }
    }

    static int attribute(int attribute, int dev) {
        return outInt("cuDeviceGetAttribute", v -> cuDeviceGetAttribute(v, attribute, dev));
    }

    /** Retains the device's primary context (the one cuBLAS and cuDNN use) and makes it current. */
    static MemorySegment retainPrimaryContext(int ordinal) {
        int dev = device(ordinal);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cu(cuDevicePrimaryCtxRetain(p, dev), "cuDevicePrimaryCtxRetain");
            MemorySegment ctx = p.get(ValueLayout.ADDRESS, 0);
            Status.cu(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
            return ctx;
        }
    }

    static void releasePrimaryContext(int ordinal) {
        Status.cu(cuDevicePrimaryCtxRelease_v2(device(ordinal)), "cuDevicePrimaryCtxRelease_v2");
    }

    static void setCurrent(MemorySegment ctx) {
        Status.cu(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
    }

    /** {free, total} bytes of the current context's device. */
    static long[] memInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(ValueLayout.JAVA_LONG);
            MemorySegment total = a.allocate(ValueLayout.JAVA_LONG);
            Status.cu(cuMemGetInfo_v2(free, total), "cuMemGetInfo_v2");
            return new long[] {free.get(ValueLayout.JAVA_LONG, 0), total.get(ValueLayout.JAVA_LONG, 0)};
        }
    }

    static long alloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.JAVA_LONG);
            Status.cu(cuMemAlloc_v2(p, bytes), "cuMemAlloc_v2");
            return p.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    static void free(long address) {
        Status.cu(cuMemFree_v2(address), "cuMemFree_v2");
    }

    /** Page-locked host memory of {@code bytes}, as a segment of that size (freed with {@link #freeHost}). */
    static MemorySegment allocHost(long bytes) {
        return outAddress("cuMemAllocHost_v2", p -> cuMemAllocHost_v2(p, bytes)).reinterpret(bytes);
    }

    static void freeHost(MemorySegment p) {
        Status.cu(cuMemFreeHost(p), "cuMemFreeHost");
    }

    static MemorySegment createStream() {
        return outAddress("cuStreamCreate", p -> cuStreamCreate(p, CU_STREAM_NON_BLOCKING()));
    }

    static void destroyStream(MemorySegment stream) {
        Status.cu(cuStreamDestroy_v2(stream), "cuStreamDestroy_v2");
    }

    static void synchronize(MemorySegment stream) {
        Status.cu(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    static void memsetD32(long dst, int value, long count, MemorySegment stream) {
        Status.cu(cuMemsetD32Async(dst, value, count, stream), "cuMemsetD32Async");
    }

    static void copyHostToDevice(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        Status.cu(cuMemcpyHtoDAsync_v2(dst, src, bytes, stream), "cuMemcpyHtoDAsync_v2");
    }

    static void copyDeviceToHost(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        Status.cu(cuMemcpyDtoHAsync_v2(dst, src, bytes, stream), "cuMemcpyDtoHAsync_v2");
    }

    static void copyDeviceToDevice(long dst, long src, long bytes, MemorySegment stream) {
        Status.cu(cuMemcpyDtoDAsync_v2(dst, src, bytes, stream), "cuMemcpyDtoDAsync_v2");
    }

    /** Loads a PTX image; a JIT failure carries the JIT's own error log in the message. */
    static MemorySegment loadModule(String name, String ptx) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment image = a.allocateFrom(ptx);
            int logSize = 8192;
            MemorySegment log = a.allocate(logSize);
            MemorySegment options = a.allocate(ValueLayout.JAVA_INT, 2);
            options.setAtIndex(ValueLayout.JAVA_INT, 0, CU_JIT_ERROR_LOG_BUFFER());
            options.setAtIndex(ValueLayout.JAVA_INT, 1, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES());
            MemorySegment values = a.allocate(ValueLayout.ADDRESS, 2);
            values.setAtIndex(ValueLayout.ADDRESS, 0, log);
            values.setAtIndex(ValueLayout.ADDRESS, 1, MemorySegment.ofAddress(logSize));
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            int status = cuModuleLoadDataEx(p, image, 2, options, values);
            if (status != 0) {
                String jitLog = log.getString(0).strip();
                try {
                    Status.cu(status, "cuModuleLoadDataEx(" + name + ".ptx)");
                } catch (CudaException e) {
                    throw jitLog.isEmpty() ? e : StatusMessages.exception(e.library(), e.function(), e.status(),
                            null, e.getMessage() + "; JIT log: " + jitLog, null);
                }
            }
            return p.get(ValueLayout.ADDRESS, 0);
        }
    }

    static void unloadModule(MemorySegment module) {
        Status.cu(cuModuleUnload(module), "cuModuleUnload");
    }

    static MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cu(cuModuleGetFunction(p, module, a.allocateFrom(name)), "cuModuleGetFunction(" + name + ")");
            return p.get(ValueLayout.ADDRESS, 0);
        }
    }

    static void launch(MemorySegment function, String name, LaunchConfig config, MemorySegment stream, MemorySegment params) {
        Status.cu(cuLaunchKernel(function, config.gridX(), 1, 1, config.blockX(), 1, 1, config.sharedBytes(), stream, params, MemorySegment.NULL),
                "cuLaunchKernel(" + name + ")");
    }
}
