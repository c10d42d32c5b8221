package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.TensorMemory;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Host allocation and host-to-host copies (contiguous: one bulk copy; strided: element by element); no device memory. */
final class CpuMemory implements TensorMemory {

    @Override
    public Tensor allocate(TensorScope scope, DType dtype, long... shape) {
        Require.notNull("allocate", "scope", scope);
        Require.notNull("allocate", "dtype", dtype);
        Require.notNull("allocate", "shape", shape);
        if (!scope.isAlive()) throw new IllegalStateException("allocate: scope is closed");
        return scope.allocate(dtype, shape);
    }

    @Override
    public Tensor wrap(TensorScope scope, long devicePointer, long byteSize, DType dtype, long... shape) {
        throw new UnsupportedOperationException("wrap: the cpu backend computes on host memory and has no device memory to wrap; "
                + "wrap a host MemorySegment with Tensor.wrap(segment, shape) or Tensor.contiguous(segment, dtype, shape)");
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        Require.host("copy", "src", src);
        Require.writable("copy", "dst", Require.host("copy", "dst", dst));
        if (src.dtype() != dst.dtype()) {
            throw new IllegalArgumentException("copy: dtype of src " + src.describe() + " differs from dst " + dst.describe());
        }
        Require.sameShape("copy", "src", src, "dst", dst);
        long n = src.elementCount();
        if (n == 0) return;
        int bytes = src.dtype().byteSize();
        if (src.isContiguous() && dst.isContiguous()) {
            MemorySegment.copy(src.segment(), src.byteOffset(), dst.segment(), dst.byteOffset(), n * bytes);
            return;
        }
        HostView from = new HostView(src);
        HostView to = new HostView(dst);
        if (bytes == 4) {
            for (long i = 0; i < n; i++) {
                to.segment.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, to.index(i),
                        from.segment.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, from.index(i)));
            }
        } else {
            for (long i = 0; i < n; i++) {
                to.segment.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, to.index(i),
                        from.segment.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, from.index(i)));
            }
        }
    }

    @Override
    public void synchronize() {
    }
}
