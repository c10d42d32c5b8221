package dev.rnn4j.cuda;

/**
 * A CUDA, cuBLAS or cuDNN call returned an error status. The message names the function, the status
 * (name and number) and the library's own text, plus a hint where one helps (e.g. a driver too old for
 * the shipped PTX).
 */
public class CudaException extends RuntimeException {

    private final String library;
    private final String function;
    private final int status;

    public CudaException(String library, String function, int status, String message) {
        super(message);
        this.library = library;
        this.function = function;
        this.status = status;
    }

    /** "CUDA driver", "cuBLAS" or "cuDNN". */
    public String library() {
        return library;
    }

    public String function() {
        return function;
    }

    public int status() {
        return status;
    }
}
