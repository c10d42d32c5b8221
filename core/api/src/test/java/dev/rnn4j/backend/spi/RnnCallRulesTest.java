package dev.rnn4j.backend.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shared RNN argument rules on both kinds of device (fake tensors over heap memory stand in for GPU
 * memory; nothing is dereferenced): every rule rejects its bad input with a message naming the argument.
 */
class RnnCallRulesTest {

    private static final Device GPU = Device.cuda(0);
    private static final RnnDescriptor LSTM = new RnnDescriptor(RnnMode.LSTM, 2, true, 3, 4, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
    private static final RnnDataDescriptor X_DESC = new RnnDataDescriptor(3, 2, 3, new int[] {3, 2}, RnnDataLayout.SEQ_MAJOR);
    private static final long WORK = 100, RESERVE = 50;

    /** Descriptor, weight space size and space sizes: all the rules ask of a plan. */
    private record FakePlan(RnnDescriptor descriptor) implements RnnPlan {
        @Override
        public long weightSpaceSize() {
            return descriptor.weightLayout().size();
        }

        @Override
        public RnnSpaceSizes spaceSizes(RnnForwardMode mode, RnnDataDescriptor xDesc) {
            return mode == RnnForwardMode.TRAINING ? new RnnSpaceSizes(WORK, RESERVE) : new RnnSpaceSizes(WORK - 20, 0);
        }

        @Override
        public void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                            Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        }

        @Override
        public void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx, Tensor cx,
                                 Tensor dcy, Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        }

        @Override
        public void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace,
                                    Tensor reserveSpace) {
        }

        @Override
        public void close() {
        }
    }

    /** One call's arguments on one device. */
    private static final class Args {
        final Device device;
        final RnnCallRules rules;
        final RnnPlan plan = new FakePlan(LSTM);
        Tensor x, y, hx, hy, cx, cy, w, work, reserve, dy, dx, dhy, dhx, dcy, dcx;

        Args(Device device, RnnCallRules.Strides strides) {
            this.device = device;
            this.rules = new RnnCallRules(device, strides);
            x = tensor(device, 3, 2, 3);
            y = tensor(device, 3, 2, 8);
            hx = tensor(device, 4, 2, 4);
            hy = tensor(device, 4, 2, 4);
            cx = tensor(device, 4, 2, 4);
            cy = tensor(device, 4, 2, 4);
            w = tensor(device, plan.weightSpaceSize());
            work = tensor(device, WORK);
            reserve = tensor(device, RESERVE);
            dy = tensor(device, 3, 2, 8);
            dx = tensor(device, 3, 2, 3);
            dhy = tensor(device, 4, 2, 4);
            dhx = tensor(device, 4, 2, 4);
            dcy = tensor(device, 4, 2, 4);
            dcx = tensor(device, 4, 2, 4);
        }

        void forward() {
            rules.forward(plan, RnnForwardMode.TRAINING, X_DESC, x, y, hx, hy, cx, cy, w, work, reserve);
        }

        void backwardData() {
            rules.backwardData(plan, X_DESC, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, w, work, reserve);
        }

        void backwardWeights() {
            rules.backwardWeights(plan, X_DESC, x, hx, y, w, work, reserve);
        }
    }

    /** A float32 tensor on {@code device} over heap memory (a stand-in: the rules never read it). */
    static Tensor tensor(Device device, long... shape) {
        return tensor(device, DType.FLOAT32, shape);
    }

    static Tensor tensor(Device device, DType dtype, long... shape) {
        return over(Arena.global().scope(), device, dtype, shape);
    }

    /** Heap memory on the host; on a device, a fake device block (never dereferenced) alive as long as {@code lifetime}. */
    static Tensor over(MemorySegment.Scope lifetime, Device device, DType dtype, long... shape) {
        long bytes = Math.max(1, Shapes.elementCount(shape)) * dtype.byteSize();
        if (device.isHost()) return Tensor.contiguous(MemorySegment.ofArray(new float[(int) (bytes / 4)]), dtype, shape);
        return Tensor.contiguous(new DeviceMemory(device, 0x7f00_0000_0000L, bytes, lifetime), dtype, shape);
    }

    /** A [d0, d1, d2] view whose two outer axes are swapped in memory (stride 1 along the last axis). */
    static Tensor outerAxesSwapped(Device device, long d0, long d1, long d2) {
        return tensor(device, d1, d0, d2).transpose(0, 1);
    }

    private static void rejects(Class<? extends RuntimeException> type, Executable call, String... fragments) {
        RuntimeException e = assertThrows(type, call);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
    }

    private static List<Args> onBothDevices() {
        return List.of(new Args(Device.CPU, RnnCallRules.Strides.UNIT_LAST_AXIS), new Args(GPU, RnnCallRules.Strides.UNIT_LAST_AXIS));
    }

    @Test
    void validCallsPassOnBothDevicesIncludingStridedViews() {
        for (Args a : onBothDevices()) {
            assertDoesNotThrow(a::forward);
            assertDoesNotThrow(a::backwardData);
            assertDoesNotThrow(a::backwardWeights);
            a.x = outerAxesSwapped(a.device, 3, 2, 3);
            a.y = outerAxesSwapped(a.device, 3, 2, 8);
            a.hx = outerAxesSwapped(a.device, 4, 2, 4);
            a.hy = tensor(a.device, 4, 2, 5).slice(2, 0, 4);
            a.cx = null;
            a.cy = null;
            assertDoesNotThrow(a::forward, "strided sequences and states, absent states");
            a.reserve = null;
            assertDoesNotThrow(() -> a.rules.forward(a.plan, RnnForwardMode.INFERENCE, X_DESC, a.x, a.y, null, null, null, null, a.w, a.work,
                    null), "inference needs no reserve");
        }
    }

    @Test
    void descriptorsAndModeMustBePresentAndMatch() {
        for (Args a : onBothDevices()) {
            rejects(IllegalArgumentException.class, () -> a.rules.forward(a.plan, null, X_DESC, a.x, a.y, a.hx, a.hy, a.cx, a.cy, a.w, a.work,
                    a.reserve), "rnn forward: mode is null");
            rejects(IllegalArgumentException.class, () -> a.rules.forward(a.plan, RnnForwardMode.TRAINING, null, a.x, a.y, a.hx, a.hy, a.cx, a.cy,
                    a.w, a.work, a.reserve), "rnn forward: xDesc is null");
            RnnDataDescriptor wide = new RnnDataDescriptor(3, 2, 5, new int[] {3, 2}, RnnDataLayout.SEQ_MAJOR);
            rejects(IllegalArgumentException.class, () -> a.rules.backwardData(a.plan, wide, a.y, a.dy, a.dx, a.hx, a.dhy, a.dhx, a.cx, a.dcy,
                    a.dcx, a.w, a.work, a.reserve), "rnn backwardData: xDesc vectorSize 5 differs from the RNN's inputSize 3");
        }
        rejects(IllegalArgumentException.class, () -> RnnCallRules.spaceSizes(LSTM, null, X_DESC), "rnn spaceSizes: mode is null");
        rejects(IllegalArgumentException.class, () -> RnnCallRules.spaceSizes(LSTM, RnnForwardMode.TRAINING, null), "rnn spaceSizes: xDesc is null");
    }

    @Test
    void sequencesMustBePresent() {
        for (Args a : onBothDevices()) {
            a.x = null;
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: x is null");
            rejects(IllegalArgumentException.class, a::backwardWeights, "rnn backwardWeights: x is null");
            a.dy = null;
            rejects(IllegalArgumentException.class, a::backwardData, "rnn backwardData: dy is null");
        }
    }

    @Test
    void closedTensorsAreNamed() {
        for (Args a : onBothDevices()) {
            try (Arena arena = Arena.ofConfined()) {
                a.hx = a.device.isHost() ? Tensor.contiguous(arena.allocate(4 * 2 * 4 * 4), DType.FLOAT32, 4, 2, 4)
                        : over(arena.scope(), a.device, DType.FLOAT32, 4, 2, 4);
            }
            rejects(IllegalStateException.class, a::forward, "rnn forward: hx float32[4, 2, 4]@" + a.device + " is closed");
        }
    }

    @Test
    void aTensorOnAnotherDeviceNamesBothDevices() {
        Args cpu = new Args(Device.CPU, RnnCallRules.Strides.UNIT_LAST_AXIS);
        cpu.x = tensor(GPU, 3, 2, 3);
        rejects(IllegalArgumentException.class, cpu::forward, "rnn forward: x float32[3, 2, 3]@cuda:0 is on cuda:0 but this backend runs on cpu");
        Args gpu = new Args(GPU, RnnCallRules.Strides.CONTIGUOUS);
        gpu.dhx = tensor(Device.CPU, 4, 2, 4);
        rejects(IllegalArgumentException.class, gpu::backwardData, "rnn backwardData: dhx float32[4, 2, 4]@cpu is on cpu but this backend runs on cuda:0");
        Args otherGpu = new Args(Device.cuda(1), RnnCallRules.Strides.CONTIGUOUS);
        otherGpu.w = tensor(GPU, otherGpu.plan.weightSpaceSize());
        rejects(IllegalArgumentException.class, otherGpu::backwardWeights, "dWeightSpace", "is on cuda:0 but this backend runs on cuda:1");
    }

    @Test
    void everyTensorMustBeFloat32() {
        for (Args a : onBothDevices()) {
            a.cy = tensor(a.device, DType.INT32, 4, 2, 4);
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: cy must be FLOAT32 but is int32[4, 2, 4]@" + a.device);
        }
    }

    @Test
    void shapesFollowTheDescriptors() {
        for (Args a : onBothDevices()) {
            Tensor x = a.x;
            a.x = tensor(a.device, 2, 2, 3);
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: x must have shape [3, 2, 3] but is float32[2, 2, 3]");
            a.x = x;
            a.y = tensor(a.device, 3, 2, 4);
            rejects(IllegalArgumentException.class, a::forward, "y must have shape [3, 2, 8]");
            a.y = tensor(a.device, 3, 2, 8);
            a.hx = tensor(a.device, 2, 2, 4);
            rejects(IllegalArgumentException.class, a::forward, "hx must have shape [4, 2, 4]");
            a.hx = tensor(a.device, 4, 2, 4);
            a.dx = tensor(a.device, 3, 1, 3);
            rejects(IllegalArgumentException.class, a::backwardData, "rnn backwardData: dx must have shape [3, 2, 3]");
            a.dx = tensor(a.device, 3, 2, 3);
            a.dcx = tensor(a.device, 4, 3, 4);
            rejects(IllegalArgumentException.class, a::backwardData, "dcx must have shape [4, 2, 4]");
        }
    }

    @Test
    void cellStatesOnlyForLstm() {
        RnnDescriptor gru = new RnnDescriptor(RnnMode.GRU, 2, true, 3, 4, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
        for (Device device : new Device[] {Device.CPU, GPU}) {
            RnnPlan plan = new FakePlan(gru);
            RnnCallRules rules = new RnnCallRules(device, RnnCallRules.Strides.UNIT_LAST_AXIS);
            Tensor cx = tensor(device, 4, 2, 4);
            rejects(IllegalArgumentException.class, () -> rules.forward(plan, RnnForwardMode.INFERENCE, X_DESC, tensor(device, 3, 2, 3),
                    tensor(device, 3, 2, 8), null, null, cx, null, tensor(device, plan.weightSpaceSize()), tensor(device, WORK), null),
                    "rnn forward: cx must be null: GRU has no cell state");
        }
    }

    @Test
    void viewsNeedStrideOneAlongTheLastAxisAndPackedPlansNeedContiguous() {
        for (Args a : onBothDevices()) {
            a.x = tensor(a.device, 3, 3, 2).transpose(1, 2);
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: x float32[3, 2, 3]@" + a.device, "must have stride 1 along its last axis");
        }
        Args packed = new Args(GPU, RnnCallRules.Strides.CONTIGUOUS);
        assertDoesNotThrow(packed::forward);
        packed.dy = outerAxesSwapped(GPU, 3, 2, 8);
        rejects(IllegalArgumentException.class, packed::backwardData, "rnn backwardData: dy float32[3, 2, 8]@cuda:0 must be contiguous");
        packed.dy = tensor(GPU, 3, 2, 8);
        packed.hx = outerAxesSwapped(GPU, 4, 2, 4);
        rejects(IllegalArgumentException.class, packed::backwardWeights, "rnn backwardWeights: hx", "must be contiguous");
    }

    @Test
    void theWeightSpaceHasExactlyItsSizeAndIsContiguous() {
        for (Args a : onBothDevices()) {
            long size = a.plan.weightSpaceSize();
            a.w = tensor(a.device, size - 1);
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: weightSpace has " + (size - 1) + " elements; the RNN's weight space has " + size);
            rejects(IllegalArgumentException.class, a::backwardWeights, "rnn backwardWeights: dWeightSpace has " + (size - 1) + " elements");
            a.w = tensor(a.device, 2, size).select(0, 1).reshape(size);
            assertDoesNotThrow(a::forward, "an offset view is still contiguous");
            a.w = tensor(a.device, size, 2).select(1, 0);
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: weightSpace", "must be contiguous");
            a.w = null;
            rejects(IllegalArgumentException.class, a::backwardData, "rnn backwardData: weightSpace is null");
        }
    }

    @Test
    void spacesAreLargeEnoughContiguousAndPresentWhenNeeded() {
        for (Args a : onBothDevices()) {
            Tensor work = a.work, reserve = a.reserve;
            a.work = tensor(a.device, WORK - 1);
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: workSpace has 99 elements, fewer than the 100 this call needs");
            a.work = null;
            rejects(IllegalArgumentException.class, a::backwardWeights, "rnn backwardWeights: workSpace is null but this call needs 100 elements");
            a.work = tensor(a.device, WORK, 2).select(1, 1);
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: workSpace", "must be contiguous");
            a.work = work;
            a.reserve = null;
            rejects(IllegalArgumentException.class, a::forward, "rnn forward: reserveSpace is null but this call needs 50 elements");
            rejects(IllegalArgumentException.class, a::backwardData, "rnn backwardData: reserveSpace is null");
            a.reserve = tensor(a.device, RESERVE - 1);
            rejects(IllegalArgumentException.class, a::backwardWeights, "rnn backwardWeights: reserveSpace has 49 elements, fewer than the 50");
            a.reserve = tensor(a.device == GPU ? Device.CPU : GPU, 1);
            rejects(IllegalArgumentException.class, () -> a.rules.forward(a.plan, RnnForwardMode.INFERENCE, X_DESC, a.x, a.y, a.hx, a.hy, a.cx,
                    a.cy, a.w, a.work, a.reserve), "rnn forward: reserveSpace", "but this backend runs on " + a.device);
            a.reserve = reserve;
        }
    }
}
