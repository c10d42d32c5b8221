package dev.rnn4j.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * A strided view of a {@link MemorySegment}: shape and strides in elements, an element offset, a dtype and
 * the device the memory lives on. Views (slice, select, reshape, transpose) share the memory and never copy.
 * The memory belongs to a {@link TensorScope} (or to whoever owns a wrapped segment); once that is closed,
 * every access throws {@link IllegalStateException}.
 *
 * <p>Host element access ({@link #get}, {@link #set}, {@link #toFloatArray}, {@link #copyFrom}) is for
 * host tensors only; device tensors are moved with a backend's copy.
 */
public final class Tensor {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final MemorySegment storage;
    private final Device device;
    private final DType dtype;
    private final long offset;
    private final long[] shape;
    private final long[] strides;

    private Tensor(MemorySegment storage, Device device, DType dtype, long offset, long[] shape, long[] strides) {
        this.storage = storage;
        this.device = device;
        this.dtype = dtype;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /**
     * A view over {@code storage}, validated so that every element it can address lies inside the segment.
     *
     * @param offset  first element, in elements of {@code dtype}
     * @param strides in elements; may be 0 (broadcast) but not negative
     */
    public static Tensor of(MemorySegment storage, Device device, DType dtype, long offset, long[] shape, long[] strides) {
        Objects.requireNonNull(storage, "storage segment");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(dtype, "dtype");
        if (shape == null) throw new IllegalArgumentException("shape is null");
        if (strides == null || strides.length != shape.length) {
            throw new IllegalArgumentException("strides " + Arrays.toString(strides) + " do not match shape " + Shapes.toString(shape));
        }
        long count = Shapes.elementCount(shape);
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (strides[i] < 0) throw new IllegalArgumentException("negative stride " + strides[i] + " at dim " + i);
            if (shape[i] > 0) last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, strides[i]));
        }
        long needBytes = count == 0 ? offset * dtype.byteSize() : Math.multiplyExact(last + 1, (long) dtype.byteSize());
        if (needBytes > storage.byteSize()) {
            throw new IndexOutOfBoundsException("tensor of shape " + Shapes.toString(shape) + ", strides " + Arrays.toString(strides)
                    + ", offset " + offset + " needs " + needBytes + " bytes but its segment has " + storage.byteSize());
        }
        return new Tensor(storage, device, dtype, offset, shape.clone(), strides.clone());
    }

    /** A contiguous row-major view starting at the segment's first byte. */
    public static Tensor contiguous(MemorySegment storage, Device device, DType dtype, long... shape) {
        return of(storage, device, dtype, 0, shape, Shapes.rowMajorStrides(shape));
    }

    /** Zero-copy wrap of a caller's host segment as a contiguous float32 tensor. */
    public static Tensor wrap(MemorySegment segment, long... shape) {
        return contiguous(segment, Device.CPU, DType.FLOAT32, shape);
    }

    // ---- metadata ----

    public long[] shape() {
        return shape.clone();
    }

    public long dim(int axis) {
        return shape[checkAxis(axis)];
    }

    public int rank() {
        return shape.length;
    }

    public long[] strides() {
        return strides.clone();
    }

    public long stride(int axis) {
        return strides[checkAxis(axis)];
    }

    /** First element, in elements from the start of {@link #segment()}. */
    public long offset() {
        return offset;
    }

    public long byteOffset() {
        return offset * dtype.byteSize();
    }

    public DType dtype() {
        return dtype;
    }

    public Device device() {
        return device;
    }

    public long elementCount() {
        return Shapes.elementCount(shape);
    }

    /** The whole underlying segment (not just this view). Checks that it is still alive. */
    public MemorySegment segment() {
        requireAlive();
        return storage;
    }

    public boolean isAlive() {
        return storage.scope().isAlive();
    }

    public boolean isContiguous() {
        return Arrays.equals(strides, Shapes.rowMajorStrides(shape)) || elementCount() <= 1;
    }

    /** The address of the first element, for native calls (device pointers included). */
    public long address() {
        requireAlive();
        return storage.address() + byteOffset();
    }

    public void requireAlive() {
        if (!storage.scope().isAlive()) {
            throw new IllegalStateException("tensor " + describe() + " is closed: its scope was closed");
        }
    }

    public String describe() {
        return dtype.name().toLowerCase() + Shapes.toString(shape) + "@" + device;
    }

    @Override
    public String toString() {
        return "Tensor(" + describe() + ")";
    }

    // ---- views ----

    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, long start, long end) {
        checkAxis(axis);
        if (start < 0 || end < start || end > shape[axis]) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") out of range for dim " + axis + " of " + describe());
        }
        long[] s = shape.clone();
        s[axis] = end - start;
        return new Tensor(storage, device, dtype, offset + start * strides[axis], s, strides.clone());
    }

    /** Index {@code index} along {@code axis}; the result has one dimension fewer. */
    public Tensor select(int axis, long index) {
        checkAxis(axis);
        if (index < 0 || index >= shape[axis]) {
            throw new IndexOutOfBoundsException("index " + index + " out of range for dim " + axis + " of " + describe());
        }
        long[] s = new long[shape.length - 1];
        long[] st = new long[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i == axis) continue;
            s[j] = shape[i];
            st[j++] = strides[i];
        }
        return new Tensor(storage, device, dtype, offset + index * strides[axis], s, st);
    }

    /** Same elements, new shape; requires a contiguous tensor. One extent may be -1 (inferred). */
    public Tensor reshape(long... newShape) {
        if (newShape == null) throw new IllegalArgumentException("shape is null");
        long[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("only one -1 allowed in reshape " + Arrays.toString(newShape));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("negative extent in reshape " + Arrays.toString(newShape));
            } else {
                known *= s[i];
            }
        }
        long count = elementCount();
        if (infer >= 0) {
            if (known == 0 || count % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + describe() + " to " + Arrays.toString(newShape));
            }
            s[infer] = count / known;
        }
        if (Shapes.elementCount(s) != count) {
            throw new IllegalArgumentException("cannot reshape " + describe() + " (" + count + " elements) to " + Arrays.toString(newShape));
        }
        if (!isContiguous()) {
            throw new IllegalStateException("reshape needs a contiguous tensor; " + describe() + " has strides " + Arrays.toString(strides));
        }
        return new Tensor(storage, device, dtype, offset, s, Shapes.rowMajorStrides(s));
    }

    /** Swaps two axes without copying. */
    public Tensor transpose(int a, int b) {
        checkAxis(a);
        checkAxis(b);
        long[] s = shape.clone();
        long[] st = strides.clone();
        s[a] = shape[b];
        s[b] = shape[a];
        st[a] = strides[b];
        st[b] = strides[a];
        return new Tensor(storage, device, dtype, offset, s, st);
    }

    // ---- host element access ----

    public float get(long... index) {
        return storage.get(FLOAT, hostByteOffset("get", DType.FLOAT32, index));
    }

    public void set(float value, long... index) {
        storage.set(FLOAT, hostByteOffset("set", DType.FLOAT32, index), value);
    }

    public int getInt(long... index) {
        return storage.get(INT, hostByteOffset("getInt", DType.INT32, index));
    }

    public void setInt(int value, long... index) {
        storage.set(INT, hostByteOffset("setInt", DType.INT32, index), value);
    }

    /** Row-major copy of the elements into a new array. */
    public float[] toFloatArray() {
        float[] out = new float[hostArrayLength("toFloatArray", DType.FLOAT32)];
        if (isContiguous()) {
            MemorySegment.copy(storage, FLOAT, byteOffset(), out, 0, out.length);
        } else {
            forEachOffset((i, off) -> out[i] = storage.get(FLOAT, off * 4));
        }
        return out;
    }

    /** Row-major copy of the elements into a new int array. */
    public int[] toIntArray() {
        int[] out = new int[hostArrayLength("toIntArray", DType.INT32)];
        forEachOffset((i, off) -> out[i] = storage.get(INT, off * 4));
        return out;
    }

    /** Copies {@code data} (row-major) into this tensor's elements. */
    public void copyFrom(float[] data) {
        requireHostElements("copyFrom", DType.FLOAT32);
        Objects.requireNonNull(data, "data");
        if (data.length != elementCount()) {
            throw new IllegalArgumentException("array of length " + data.length + " does not match " + describe());
        }
        if (isContiguous()) {
            MemorySegment.copy(data, 0, storage, FLOAT, byteOffset(), data.length);
        } else {
            forEachOffset((i, off) -> storage.set(FLOAT, off * 4, data[i]));
        }
    }

    private interface OffsetVisitor {
        void visit(int linearIndex, long elementOffset);
    }

    private void forEachOffset(OffsetVisitor visitor) {
        requireAlive();
        long n = elementCount();
        long[] idx = new long[shape.length];
        for (int i = 0; i < n; i++) {
            long off = offset;
            for (int d = 0; d < shape.length; d++) off += idx[d] * strides[d];
            visitor.visit(i, off);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
    }

    private long elementOffset(long[] index) {
        requireAlive();
        if (index == null || index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " does not match rank " + shape.length + " of " + describe());
        }
        long off = offset;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for " + describe());
            }
            off += index[d] * strides[d];
        }
        return off;
    }

    /** The byte offset of element {@code index} of a live host tensor of dtype {@code expected} (4-byte elements). */
    private long hostByteOffset(String op, DType expected, long[] index) {
        requireHostElements(op, expected);
        return elementOffset(index) * 4;
    }

    /** The element count of a host tensor of dtype {@code expected}, checked to fit a Java array. */
    private int hostArrayLength(String op, DType expected) {
        requireHostElements(op, expected);
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException(describe() + " is too large for a Java array");
        return (int) n;
    }

    private void requireHostElements(String op, DType expected) {
        if (!device.isHost()) {
            throw new IllegalStateException(op + " needs a host tensor; " + describe() + " lives on " + device + " (copy it with the backend first)");
        }
        if (dtype != expected) throw new IllegalStateException(op + " needs " + expected + ", tensor is " + describe());
    }

    private int checkAxis(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " out of range for rank " + shape.length + " tensor " + describe());
        }
        return axis;
    }
}
