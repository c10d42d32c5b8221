package dev.rnn4j.tensor;

/** Where a tensor's memory lives. Host memory is {@link #CPU}; GPU memory is {@code cuda(ordinal)}. */
public record Device(Kind kind, int ordinal) {

    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (kind == null) throw new IllegalArgumentException("device kind is null");
        if (ordinal < 0) throw new IllegalArgumentException("device ordinal must be >= 0, got " + ordinal);
    }

    public static Device cuda(int ordinal) {
        return new Device(Kind.CUDA, ordinal);
    }

    public boolean isHost() {
        return kind == Kind.CPU;
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + ordinal;
    }
}
