package dev.rnn4j.bench.gpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Raw little-endian float32 arrays, the format both sides of the GPU benchmark write their outputs in. */
public final class F32Files {

    private static final int CHUNK = 1 << 20;

    private F32Files() {
    }

    public static void write(Path file, float[] values) throws IOException {
        write(file, values, 0, values.length);
    }

    /** Writes {@code values[from, from + count)}. */
    public static void write(Path file, float[] values, int from, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (int i = from; i < from + count; i += CHUNK) {
                int n = Math.min(CHUNK, from + count - i);
                buffer.clear();
                buffer.asFloatBuffer().put(values, i, n);
                buffer.limit(n * Float.BYTES);
                while (buffer.hasRemaining()) ch.write(buffer);
            }
        }
    }

    /**
     * Reads a file of exactly {@code expected} floats; an IOException naming the file when its size says
     * otherwise (the size is checked before anything is allocated).
     */
    public static float[] read(Path file, int expected) throws IOException {
        long size = Files.size(file);
        if (size != (long) expected * Float.BYTES) {
            throw new IOException(file + ": " + size + " bytes, expected " + expected + " float32 values (" + (long) expected * Float.BYTES + " bytes)");
        }
        float[] out = new float[expected];
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < expected; i += CHUNK) {
                int n = Math.min(CHUNK, expected - i);
                buffer.clear().limit(n * Float.BYTES);
                while (buffer.hasRemaining()) {
                    if (ch.read(buffer) < 0) throw new IOException(file + ": ended early at float " + (i + buffer.position() / Float.BYTES));
                }
                buffer.flip();
                buffer.asFloatBuffer().get(out, i, n);
            }
        }
        return out;
    }
}
