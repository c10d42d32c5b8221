package dev.rnn4j.cuda.loader;

import java.util.List;

/**
 * The native libraries the CUDA backend loads, in load order, with the sonames accepted for each (newest
 * first). The runtime (libcudart) is not needed: the backend speaks the driver API, and cuBLAS and cuDNN
 * carry their own runtime; it is searched only so that {@code rnn4j info} can say which one is installed.
 */
public enum CudaLibrary {
    DRIVER("the NVIDIA driver", true, "libcuda.so.1"),
    RUNTIME("the CUDA runtime", false, "libcudart.so.13", "libcudart.so.12"),
    CUBLAS_LT("cuBLASLt", true, "libcublasLt.so.13", "libcublasLt.so.12"),
    CUBLAS("cuBLAS", true, "libcublas.so.13", "libcublas.so.12"),
    CUDNN("cuDNN 9", true, "libcudnn.so.9");

    private final String description;
    private final boolean required;
    private final List<String> sonames;

    CudaLibrary(String description, boolean required, String... sonames) {
        this.description = description;
        this.required = required;
        this.sonames = List.of(sonames);
    }

    public String description() {
        return description;
    }

    /** False for libraries that are only reported (the runtime). */
    public boolean required() {
        return required;
    }

    public List<String> sonames() {
        return sonames;
    }

    /** "libcublas.so.13 or libcublas.so.12", for messages. */
    public String sonamePattern() {
        return String.join(" or ", sonames);
    }
}
