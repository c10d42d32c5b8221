package dev.rnn4j.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}},
 * offsets relative to the data section), then the raw little-endian tensor bytes. Written to a temporary file
 * and moved into place; every field is validated on read, so a truncated or corrupted file is rejected.
 */
public final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {
    }

    /** What a file holds: tensors by name (host, in the caller's scope) and the string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /** Writes host tensors (float32 or int32, any strides) and metadata to {@code file}. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        List<byte[]> blobs = new ArrayList<>();
        for (var e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("tensor name __metadata__ is reserved");
            Tensor t = e.getValue();
            byte[] bytes = bytesOf(t);
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", code(t.dtype()));
            var shape = entry.putArray("shape");
            for (long s : t.shape()) shape.add(s);
            entry.putArray("data_offsets").add(offset).add(offset + bytes.length);
            offset += bytes.length;
            blobs.add(bytes);
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).flip();
            writeFully(ch, len);
            writeFully(ch, ByteBuffer.wrap(headerBytes));
            for (byte[] b : blobs) writeFully(ch, ByteBuffer.wrap(b));
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads {@code file}; tensors are allocated in {@code scope}. Throws IllegalArgumentException naming what is wrong. */
    public static Contents read(Path file, TensorScope scope) throws IOException {
        byte[] all;
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(file + " is too large (" + size + " bytes)");
        all = Files.readAllBytes(file);
        long headerLength = headerLength(file, all, all.length);
        JsonNode header = header(file, all, headerLength);
        int dataStart = 8 + (int) headerLength;
        long dataLength = all.length - dataStart;
        Map<String, String> metadata = metadata(header);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long covered = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) continue;
            Tensor t = readTensor(file, e.getKey(), e.getValue(), all, dataStart, dataLength, scope);
            covered += t.elementCount() * t.dtype().byteSize(); // <= dataLength: readTensor checked it
            tensors.put(e.getKey(), t);
        }
        if (covered != dataLength) {
            throw new IllegalArgumentException(file + " is truncated or corrupted: tensors cover " + covered + " bytes but the data section has " + dataLength);
        }
        return new Contents(tensors, metadata);
    }

    /**
     * The string metadata of {@code file}, reading only its header (not the tensors): e.g. to tell what a
     * checkpoint is before overwriting it. Throws IllegalArgumentException naming what is wrong.
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long headerLength = headerLength(file, readFully(file, ch, (int) Math.min(8, size)), size);
            ch.position(0);
            return metadata(header(file, readFully(file, ch, 8 + (int) headerLength), headerLength));
        }
    }

    private static byte[] readFully(Path file, FileChannel ch, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw new java.io.EOFException(file + " ended after " + b.position() + " bytes while reading its header");
        }
        return b.array();
    }

    /** The header length from the first 8 bytes of {@code start}, checked against the file's {@code size}. */
    private static long headerLength(Path file, byte[] start, long size) {
        if (start.length < 8 || size < 8) throw new IllegalArgumentException(file + " is not a safetensors file: " + size + " bytes, shorter than the 8-byte header length");
        String other = otherFormat(start);
        if (other != null) {
            throw new IllegalArgumentException(file + " is " + other + ", not an rnn4j checkpoint (safetensors): import it with rnn4j-keras (KerasFiles.load), or give it to"
                    + " the rnn4j command's --model, which reads both");
        }
        long headerLength = ByteBuffer.wrap(start, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
            throw new IllegalArgumentException(file + " is truncated or corrupted: header length " + headerLength + " does not fit a file of " + size + " bytes");
        }
        return headerLength;
    }

    /** The JSON header in {@code bytes[8, 8 + headerLength)}. */
    private static JsonNode header(Path file, byte[] bytes, long headerLength) {
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8).strip());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is corrupted: its header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) throw new IllegalArgumentException(file + " is corrupted: header is not a JSON object");
        return header;
    }

    private static Map<String, String> metadata(JsonNode header) {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = header.get("__metadata__");
        if (meta != null) meta.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        return metadata;
    }

    /** What a file starting with {@code head} is when its magic bytes say it is a Keras file, or null. */
    private static String otherFormat(byte[] head) {
        if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return "a zip archive (a Keras 3 .keras model?)";
        byte[] hdf5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        return java.util.Arrays.equals(java.util.Arrays.copyOf(head, 8), hdf5) ? "an HDF5 file (a Keras .h5 model?)" : null;
    }

    private static Tensor readTensor(Path file, String name, JsonNode info, byte[] all, int dataStart, long dataLength, TensorScope scope) {
        String where = file + ": tensor '" + name + "'";
        if (!info.isObject() || !info.has("dtype") || !info.has("shape") || !info.has("data_offsets")) {
            throw new IllegalArgumentException(where + " lacks dtype, shape or data_offsets");
        }
        DType dtype = switch (info.get("dtype").asText()) {
            case "F32" -> DType.FLOAT32;
            case "I32" -> DType.INT32;
            default -> throw new IllegalArgumentException(where + " has unsupported dtype " + info.get("dtype").asText());
        };
        JsonNode shapeNode = info.get("shape");
        JsonNode offsets = info.get("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) throw new IllegalArgumentException(where + " has a malformed shape or data_offsets");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = naturalOrMinusOne(shapeNode.get(i));
            if (shape[i] < 0) throw new IllegalArgumentException(where + " has a bad shape " + shapeNode);
        }
        long begin = naturalOrMinusOne(offsets.get(0)), end = naturalOrMinusOne(offsets.get(1));
        long bytes;
        try {
            bytes = Shapes.byteCount(shape, dtype.byteSize());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage() + " (file corrupted)");
        }
        if (begin < 0 || end < begin || end > dataLength) {
            throw new IllegalArgumentException(where + " has data_offsets " + offsets + " outside the data section of " + dataLength
                    + " bytes (file truncated or corrupted)");
        }
        if (end - begin != bytes) {
            throw new IllegalArgumentException(where + " has " + (end - begin) + " bytes of data but shape " + Shapes.toString(shape) + " needs " + bytes);
        }
        Tensor t = scope.allocate(dtype, shape);
        MemorySegment.copy(MemorySegment.ofArray(all), dataStart + begin, t.segment(), t.byteOffset(), bytes);
        return t;
    }

    /** A JSON integer >= 0 (not 2.5, not "2"), or -1. */
    private static long naturalOrMinusOne(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0 ? n.asLong() : -1;
    }

    private static byte[] bytesOf(Tensor t) {
        if (!t.device().isHost()) throw new IllegalArgumentException("safetensors writes host tensors; " + t.describe() + " is on " + t.device());
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(t.elementCount() * 4)).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> buf.asFloatBuffer().put(t.toFloatArray());
            case INT32 -> buf.asIntBuffer().put(t.toIntArray());
            default -> throw new IllegalArgumentException("safetensors: unsupported dtype of " + t.describe());
        }
        return buf.array();
    }

    private static String code(DType d) {
        return switch (d) {
            case FLOAT32 -> "F32";
            case INT32 -> "I32";
            default -> throw new IllegalArgumentException("unsupported dtype " + d);
        };
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
