package dev.rnn4j.cuda;

import dev.rnn4j.cuda.loader.SearchEnvironment;
/**
 * The text of a failed call, and the hints added for the statuses a user can act on. Pure functions, so
 * they are tested without a GPU; {@link Status} fills in the library's own name and description.
 */
final class StatusMessages {

    // CUDA driver statuses (cuda.h cudaError_enum); kept as literals so that tests need no bindings
    static final int CUDA_ERROR_OUT_OF_MEMORY = 2;
    static final int CUDA_ERROR_STUB_LIBRARY = 34;
    static final int CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER = 36;
    static final int CUDA_ERROR_NO_DEVICE = 100;
    static final int CUDA_ERROR_NO_BINARY_FOR_GPU = 209;
    static final int CUDA_ERROR_INVALID_PTX = 218;
    static final int CUDA_ERROR_JIT_COMPILER_NOT_FOUND = 221;
    static final int CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;
    static final int CUBLAS_STATUS_ALLOC_FAILED = 3;
    static final int CUDNN_STATUS_HOST_ALLOCATION_FAILED = 4003;
    static final int CUDNN_STATUS_DEVICE_ALLOCATION_FAILED = 4004;

    private StatusMessages() {
    }

    /** "cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory[. hint]". */
    static String format(String function, int status, String name, String description, String hint) {
        StringBuilder sb = new StringBuilder(function).append(" failed: ");
        sb.append(name == null || name.isBlank() ? "status" : name).append(" (").append(status).append(')');
        if (description != null && !description.isBlank() && !description.equals(name)) sb.append(": ").append(description);
        if (hint != null) sb.append(". ").append(hint);
        return sb.toString();
    }

    /** What to do about a driver status, or null. */
    static String driverHint(int status) {
        return switch (status) {
            case CUDA_ERROR_UNSUPPORTED_PTX_VERSION, CUDA_ERROR_INVALID_PTX, CUDA_ERROR_NO_BINARY_FOR_GPU, CUDA_ERROR_JIT_COMPILER_NOT_FOUND ->
                    "The NVIDIA driver cannot JIT-compile rnn4j's kernels (" + KernelModule.PTX_DESCRIPTION
                            + "): install a driver that supports CUDA " + KernelModule.PTX_MIN_CUDA + " (" + KernelModule.PTX_MIN_DRIVER + ") or newer";
            case CUDA_ERROR_STUB_LIBRARY -> "the libcuda.so.1 that was loaded is the toolkit's stub, not the driver: "
                    + "put the driver's directory first (-D" + SearchEnvironment.LIBDIR_PROPERTY + ")";
            case CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER -> "the installed NVIDIA driver is older than these CUDA libraries need: update the driver";
            case CUDA_ERROR_NO_DEVICE -> "no CUDA-capable GPU is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
            default -> null;
        };
    }

    static boolean isOutOfMemory(String library, int status) {
        return switch (library) {
            case Status.DRIVER -> status == CUDA_ERROR_OUT_OF_MEMORY;
            case Status.CUBLAS -> status == CUBLAS_STATUS_ALLOC_FAILED;
            case Status.CUDNN -> status == CUDNN_STATUS_HOST_ALLOCATION_FAILED || status == CUDNN_STATUS_DEVICE_ALLOCATION_FAILED;
            default -> false;
        };
    }

    static CudaException exception(String library, String function, int status, String name, String description, String hint) {
        String message = format(function, status, name, description, hint);
        return isOutOfMemory(library, status)
                ? new CudaOutOfMemoryException(library, function, status, message)
                : new CudaException(library, function, status, message);
    }
}
