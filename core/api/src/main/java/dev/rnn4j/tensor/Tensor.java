package dev.rnn4j.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * A strided view of tensor memory: shape and strides in elements, an element offset, a dtype and the device
 * the memory lives on. Views (slice, select, reshape, transpose) share the memory and never copy.
 *
 * <p>The memory is of one of two kinds, fixed when the tensor is made:
 * <ul>
 *   <li><b>host memory</b>, a {@link MemorySegment} ({@link #of(MemorySegment, DType, long, long[], long[])},
 *       {@link #wrap}); {@link #segment()}, {@link #get}, {@link #set}, {@link #toFloatArray} and
 *       {@link #copyFrom} read and write it;</li>
 *   <li><b>device memory</b>, a {@link DeviceMemory} (pointer, byte size, device, lifetime)
 *       ({@link #of(DeviceMemory, DType, long, long[], long[])}); every host access throws
 *       {@link IllegalStateException} naming the tensor and its device, and only a backend of that device uses
 *       its {@link #address()}. Device memory is moved to and from the host with a backend's copy.</li>
 * </ul>
 * Every view is checked, overflow included, to lie inside its memory's byte size. The memory belongs to a
 * {@link TensorScope} (or to whoever owns a wrapped segment or device block); once that is closed, every access
 * throws {@link IllegalStateException}. A {@linkplain #isReadOnly() read-only} tensor refuses host writes.
 */
public final class Tensor {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final MemorySegment host;          // null for device memory
    private final DeviceMemory deviceMemory;   // null for host memory
    private final DType dtype;
    private final long offset;
    private final long[] shape;
    private final long[] strides;
    private final boolean readOnly;

    private Tensor(MemorySegment host, DeviceMemory deviceMemory, DType dtype, long offset, long[] shape, long[] strides, boolean readOnly) {
        this.host = host;
        this.deviceMemory = deviceMemory;
        this.dtype = dtype;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.readOnly = readOnly;
    }

    /**
     * A view over host memory, validated so that every element it can address lies inside the segment. A
     * read-only segment gives a read-only tensor.
     *
     * @param offset  first element, in elements of {@code dtype}
     * @param strides in elements; may be 0 (broadcast) but not negative
     */
    public static Tensor of(MemorySegment storage, DType dtype, long offset, long[] shape, long[] strides) {
        Objects.requireNonNull(storage, "storage segment");
        checkBounds(storage.byteSize(), "its segment", dtype, offset, shape, strides);
        return new Tensor(storage, null, dtype, offset, shape.clone(), strides.clone(), storage.isReadOnly());
    }

    /** A view over device memory, validated so that every element it can address lies inside its byte size. */
    public static Tensor of(DeviceMemory storage, DType dtype, long offset, long[] shape, long[] strides) {
        Objects.requireNonNull(storage, "device memory");
        checkBounds(storage.byteSize(), "its device memory (" + storage + ")", dtype, offset, shape, strides);
        return new Tensor(null, storage, dtype, offset, shape.clone(), strides.clone(), false);
    }

    private static void checkBounds(long storageBytes, String storageName, DType dtype, long offset, long[] shape, long[] strides) {
        Objects.requireNonNull(dtype, "dtype");
        long needBytes = Shapes.spanBytes(shape, strides, offset, dtype.byteSize());
        if (needBytes > storageBytes) {
            throw new IndexOutOfBoundsException("tensor of shape " + Shapes.toString(shape) + ", strides " + Arrays.toString(strides)
                    + ", offset " + offset + " needs " + needBytes + " bytes but " + storageName + " has " + storageBytes);
        }
    }

    /** A contiguous row-major view of host memory starting at the segment's first byte. */
    public static Tensor contiguous(MemorySegment storage, DType dtype, long... shape) {
        return of(storage, dtype, 0, shape, Shapes.rowMajorStrides(shape));
    }

    /** A contiguous row-major view of device memory starting at its first byte. */
    public static Tensor contiguous(DeviceMemory storage, DType dtype, long... shape) {
        return of(storage, dtype, 0, shape, Shapes.rowMajorStrides(shape));
    }

    /** Zero-copy wrap of a caller's host segment as a contiguous float32 tensor. */
    public static Tensor wrap(MemorySegment segment, long... shape) {
        return contiguous(segment, DType.FLOAT32, shape);
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

    /** First element, in elements from the start of the memory ({@link #segment()} or {@link #deviceMemory()}). */
    public long offset() {
        return offset;
    }

    public long byteOffset() {
        return offset * dtype.byteSize();
    }

    public DType dtype() {
        return dtype;
    }

    /** {@link Device#CPU} for host memory, the memory's device otherwise. */
    public Device device() {
        return host != null ? Device.CPU : deviceMemory.device();
    }

    public long elementCount() {
        return Shapes.elementCount(shape);
    }

    /** Whether host writes are refused (for instance a DLPack tensor its producer flagged read-only). */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The same view, read-only: host writes through it throw (its segment, if host memory, is read-only too). */
    public Tensor asReadOnly() {
        if (readOnly) return this;
        return new Tensor(host == null ? null : host.asReadOnly(), deviceMemory, dtype, offset, shape, strides, true);
    }

    /**
     * The whole underlying host segment (not just this view). Checks that it is still alive; throws
     * {@link IllegalStateException} for a tensor in device memory, which the host cannot read.
     */
    public MemorySegment segment() {
        return hostSegment("segment");
    }

    /** The whole underlying device memory (not just this view), for backends; throws for a host tensor. */
    public DeviceMemory deviceMemory() {
        requireAlive();
        if (deviceMemory == null) {
            throw new IllegalStateException("deviceMemory: tensor " + describe() + " is in host memory (read it with segment())");
        }
        return deviceMemory;
    }

    public boolean isAlive() {
        return lifetime().isAlive();
    }

    /** The lifetime of the memory: the segment's scope, or the device memory's. */
    MemorySegment.Scope lifetime() {
        return host != null ? host.scope() : deviceMemory.lifetime();
    }

    public boolean isContiguous() {
        return Arrays.equals(strides, Shapes.rowMajorStrides(shape)) || elementCount() <= 1;
    }

    /** The address of the first element, for native calls (a device pointer for device memory). */
    public long address() {
        requireAlive();
        return (host != null ? host.address() : deviceMemory.address()) + byteOffset();
    }

    public void requireAlive() {
        if (!isAlive()) {
            throw new IllegalStateException("tensor " + describe() + " is closed: its scope was closed");
        }
    }

    public String describe() {
        return dtype.name().toLowerCase() + Shapes.toString(shape) + "@" + device() + (readOnly ? " (read-only)" : "");
    }

    @Override
    public String toString() {
        return "Tensor(" + describe() + ")";
    }

    // ---- views ----

    private Tensor view(long newOffset, long[] newShape, long[] newStrides) {
        return new Tensor(host, deviceMemory, dtype, newOffset, newShape, newStrides, readOnly);
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, long start, long end) {
        checkAxis(axis);
        if (start < 0 || end < start || end > shape[axis]) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") out of range for dim " + axis + " of " + describe());
        }
        long[] s = shape.clone();
        s[axis] = end - start;
        return view(offset + start * strides[axis], s, strides.clone());
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
        return view(offset + index * strides[axis], s, st);
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
        return view(offset, s, Shapes.rowMajorStrides(s));
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
        return view(offset, s, st);
    }

    // ---- host element access ----

    public float get(long... index) {
        return hostSegment("get").get(FLOAT, elementByteOffset("get", DType.FLOAT32, index));
    }

    public void set(float value, long... index) {
        writableSegment("set").set(FLOAT, elementByteOffset("set", DType.FLOAT32, index), value);
    }

    public int getInt(long... index) {
        return hostSegment("getInt").get(INT, elementByteOffset("getInt", DType.INT32, index));
    }

    public void setInt(int value, long... index) {
        writableSegment("setInt").set(INT, elementByteOffset("setInt", DType.INT32, index), value);
    }

    /** Row-major copy of the elements into a new array. */
    public float[] toFloatArray() {
        MemorySegment storage = hostSegment("toFloatArray");
        float[] out = new float[arrayLength("toFloatArray", DType.FLOAT32)];
        if (isContiguous()) {
            MemorySegment.copy(storage, FLOAT, byteOffset(), out, 0, out.length);
        } else {
            forEachOffset((i, off) -> out[i] = storage.get(FLOAT, off * 4));
        }
        return out;
    }

    /** Row-major copy of the elements into a new int array. */
    public int[] toIntArray() {
        MemorySegment storage = hostSegment("toIntArray");
        int[] out = new int[arrayLength("toIntArray", DType.INT32)];
        forEachOffset((i, off) -> out[i] = storage.get(INT, off * 4));
        return out;
    }

    /** Copies {@code data} (row-major) into this tensor's elements. */
    public void copyFrom(float[] data) {
        MemorySegment storage = writableSegment("copyFrom");
        requireDType("copyFrom", DType.FLOAT32);
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

    /** The live host segment; throws naming the tensor and its device when the memory is on a device. */
    private MemorySegment hostSegment(String op) {
        requireAlive();
        if (host == null) {
            throw new IllegalStateException(op + ": tensor " + describe() + " lives in device memory on " + device()
                    + "; the host cannot read or write it (copy it to a host tensor with a backend)");
        }
        return host;
    }

    private MemorySegment writableSegment(String op) {
        MemorySegment storage = hostSegment(op);
        if (readOnly) throw new IllegalStateException(op + ": tensor " + describe() + " is read-only");
        return storage;
    }

    /** The byte offset of element {@code index} of a tensor of dtype {@code expected} (4-byte elements). */
    private long elementByteOffset(String op, DType expected, long[] index) {
        requireDType(op, expected);
        return elementOffset(index) * 4;
    }

    /** The element count of a tensor of dtype {@code expected}, checked to fit a Java array. */
    private int arrayLength(String op, DType expected) {
        requireDType(op, expected);
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException(describe() + " is too large for a Java array");
        return (int) n;
    }

    private void requireDType(String op, DType expected) {
        if (dtype != expected) throw new IllegalStateException(op + " needs " + expected + ", tensor is " + describe());
    }

    private int checkAxis(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " out of range for rank " + shape.length + " tensor " + describe());
        }
        return axis;
    }
}
