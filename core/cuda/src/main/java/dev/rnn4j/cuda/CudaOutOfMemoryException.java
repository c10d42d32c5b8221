package dev.rnn4j.cuda;

/** Device (or pinned host) memory ran out. Whatever the failing operation had allocated is freed again. */
public final class CudaOutOfMemoryException extends CudaException {
    public CudaOutOfMemoryException(String library, String function, int status, String message) {
        super(library, function, status, message);
    }
}
