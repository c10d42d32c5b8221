package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.bindings.cuda.cuda_h;
import org.junit.jupiter.api.Test;

class StatusMessagesTest {

    @Test
    void messageNamesFunctionStatusAndLibraryText() {
        assertEquals("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory",
                StatusMessages.format("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory", null));
        assertEquals("cudnnRNNForward failed: CUDNN_STATUS_BAD_PARAM (2000)",
                StatusMessages.format("cudnnRNNForward", 2000, "CUDNN_STATUS_BAD_PARAM", "", null));
        assertEquals("f failed: status (7). do this", StatusMessages.format("f", 7, null, null, "do this"));
    }

    @Test
    void outOfMemoryStatusesBecomeTheirOwnException() {
        assertInstanceOf(CudaOutOfMemoryException.class, StatusMessages.exception(Status.DRIVER, "cuMemAlloc_v2", 2, "x", "y", null));
        assertInstanceOf(CudaOutOfMemoryException.class, StatusMessages.exception(Status.CUBLAS, "cublasCreate_v2", 3, "x", "y", null));
        assertInstanceOf(CudaOutOfMemoryException.class, StatusMessages.exception(Status.CUDNN, "cudnnRNNForward", 4004, "x", "y", null));
        CudaException e = StatusMessages.exception(Status.DRIVER, "cuLaunchKernel", 700, "CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access", null);
        assertEquals(CudaException.class, e.getClass());
        assertEquals("cuLaunchKernel", e.function());
        assertEquals(700, e.status());
    }

    @Test
    void ptxAndDriverStatusesCarryAHint() {
        String hint = StatusMessages.driverHint(StatusMessages.CUDA_ERROR_UNSUPPORTED_PTX_VERSION);
        assertTrue(hint.contains("PTX ISA 9.0") && hint.contains("CUDA 13.0"), hint);
        assertTrue(StatusMessages.driverHint(StatusMessages.CUDA_ERROR_STUB_LIBRARY).contains("stub"));
        assertNull(StatusMessages.driverHint(1));
    }

    @Test
    void literalStatusCodesMatchTheGeneratedBindings() {
        // cuda_h's constants are plain static methods: no library is loaded for them
        assertEquals(cuda_h.CUDA_ERROR_OUT_OF_MEMORY(), StatusMessages.CUDA_ERROR_OUT_OF_MEMORY);
        assertEquals(cuda_h.CUDA_ERROR_STUB_LIBRARY(), StatusMessages.CUDA_ERROR_STUB_LIBRARY);
        assertEquals(cuda_h.CUDA_ERROR_NO_DEVICE(), StatusMessages.CUDA_ERROR_NO_DEVICE);
        assertEquals(cuda_h.CUDA_ERROR_NO_BINARY_FOR_GPU(), StatusMessages.CUDA_ERROR_NO_BINARY_FOR_GPU);
        assertEquals(cuda_h.CUDA_ERROR_INVALID_PTX(), StatusMessages.CUDA_ERROR_INVALID_PTX);
        assertEquals(cuda_h.CUDA_ERROR_JIT_COMPILER_NOT_FOUND(), StatusMessages.CUDA_ERROR_JIT_COMPILER_NOT_FOUND);
        assertEquals(cuda_h.CUDA_ERROR_UNSUPPORTED_PTX_VERSION(), StatusMessages.CUDA_ERROR_UNSUPPORTED_PTX_VERSION);
        assertEquals(dev.rnn4j.bindings.cublas.cublas_h.CUBLAS_STATUS_ALLOC_FAILED(), StatusMessages.CUBLAS_STATUS_ALLOC_FAILED);
        assertEquals(dev.rnn4j.bindings.cudnn.cudnn_h.CUDNN_STATUS_INTERNAL_ERROR_HOST_ALLOCATION_FAILED(), StatusMessages.CUDNN_STATUS_HOST_ALLOCATION_FAILED);
        assertEquals(dev.rnn4j.bindings.cudnn.cudnn_h.CUDNN_STATUS_INTERNAL_ERROR_DEVICE_ALLOCATION_FAILED(), StatusMessages.CUDNN_STATUS_DEVICE_ALLOCATION_FAILED);
        assertEquals(dev.rnn4j.bindings.cuda.cuda_h.CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER(), StatusMessages.CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER);
    }
}
