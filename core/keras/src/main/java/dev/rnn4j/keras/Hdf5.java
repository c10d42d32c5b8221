package dev.rnn4j.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reading HDF5 through jHDF as untrusted input: every call into jHDF is fenced so that whatever a corrupted file
 * makes it throw becomes one {@link IllegalArgumentException} naming the file; every dataset is checked (float32,
 * a plain array) and its size bounded by the file's size before its data is read.
 */
final class Hdf5 {

    private final String source;
    private final long fileSize;
    private final HdfFile file;

    private Hdf5(String source, long fileSize, HdfFile file) {
        this.source = source;
        this.fileSize = fileSize;
        this.file = file;
    }

    /** Runs {@code body} on the HDF5 file held in {@code bytes} ({@code source} names it in errors). */
    static <T> T read(String source, byte[] bytes, Function<Hdf5, T> body) {
        return fenced(source, () -> {
            try (HdfFile f = HdfFile.fromBytes(bytes)) {
                return body.apply(new Hdf5(source, bytes.length, f));
            }
        });
    }

    /** Runs {@code body} on the HDF5 file at {@code path}. */
    static <T> T read(Path path, long size, Function<Hdf5, T> body) {
        return fenced(path.toString(), () -> {
            try (HdfFile f = new HdfFile(path)) {
                return body.apply(new Hdf5(path.toString(), size, f));
            }
        });
    }

    private static <T> T fenced(String source, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e; // ours, already naming the file
            throw corrupted(source, e);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            throw corrupted(source, e);
        } catch (OutOfMemoryError e) {
            // a corrupted size that jHDF tried to allocate (the allocation failed, nothing was kept)
            throw new IllegalArgumentException(source + " is not a readable HDF5 file: it declares a structure too large to read (" + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException corrupted(String source, Throwable e) {
        return new IllegalArgumentException(source + " is not a readable HDF5 file (truncated or corrupted?): "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    String source() {
        return source;
    }

    HdfFile root() {
        return file;
    }

    /** The group at {@code path}, or null when there is none (or it is not a group). */
    Group group(String path) {
        Node n = node(file, path);
        return n instanceof Group g ? g : null;
    }

    /** The node at {@code path} below {@code base}, or null. */
    static Node node(Group base, String path) {
        Node at = base;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            if (!(at instanceof Group g)) return null;
            at = g.getChildren().get(part);
            if (at == null) return null;
        }
        return at;
    }

    /** A float32 array dataset's shape and row-major values; {@code what} names it in errors. */
    Array floats(Node node, String what) {
        if (!(node instanceof Dataset d)) throw new IllegalArgumentException(source + ": " + what + " is not a dataset");
        if (d.isCompound() || d.isVariableLength()) throw new IllegalArgumentException(source + ": " + what + " is not a plain numeric array");
        long[] shape = d.getDimensionsAsLong();
        long count = 1;
        for (long s : shape) {
            if (s < 0) throw new IllegalArgumentException(source + ": " + what + " has a negative dimension in " + Arrays.toString(shape));
            count = Math.multiplyExact(count, s);
        }
        if (count > fileSize / Float.BYTES) {
            throw new IllegalArgumentException(source + ": " + what + " declares shape " + Arrays.toString(shape) + " (" + count
                    + " values), more than a file of " + fileSize + " bytes holds");
        }
        Class<?> type = d.getJavaType();
        if (type != float.class && type != Float.class) {
            throw new IllegalArgumentException(source + ": " + what + " holds " + type.getSimpleName() + " values; rnn4j reads float32 weights (a float16/bfloat16 or"
                    + " float64 model must be saved in float32)");
        }
        Object flat = count == 0 ? new float[0] : d.getDataFlat();
        if (!(flat instanceof float[] values) || values.length != count) {
            throw new IllegalArgumentException(source + ": " + what + " did not read as " + count + " float32 values");
        }
        return new Array(shape, values);
    }

    /** A dataset's shape and values. */
    record Array(long[] shape, float[] values) {
    }

    /** A string attribute (or null when absent); {@code what} names the node in errors. */
    static String string(Node node, String name, String source) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) return null;
        Object v = a.getData();
        if (v instanceof String s) return s;
        if (v instanceof String[] arr && arr.length == 1) return arr[0];
        throw new IllegalArgumentException(source + ": attribute " + name + " of " + node.getPath() + " is not a string");
    }

    /** A string-array attribute (a single string counts as one element; absent: null). */
    static List<String> strings(Node node, String name, String source) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) return null;
        if (a.isEmpty() || a.getSize() == 0) return List.of();
        Object v = a.getData();
        if (v instanceof String s) return List.of(s);
        if (v instanceof String[] arr) return List.of(arr);
        if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 0) return List.of();
        throw new IllegalArgumentException(source + ": attribute " + name + " of " + node.getPath() + " is not a list of strings");
    }

    /** Names of the children of a group, in the file's order. */
    static List<String> children(Group g) {
        return new ArrayList<>(g.getChildren().keySet());
    }
}
