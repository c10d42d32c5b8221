package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments: a clear exception naming the argument, thrown before any output is written. */
class RnnPlanArgumentsTest {

    private static final float SENTINEL = 42f;

    private final RnnDescriptor rnn = new RnnDescriptor(RnnMode.LSTM, 2, true, 3, 4, RnnBiasMode.DOUBLE_BIAS, 0.3f, 9L);
    private final RnnDataDescriptor xDesc = new RnnDataDescriptor(3, 2, 3, new int[] {3, 2}, RnnDataLayout.SEQ_MAJOR);
    private TensorScope scope;
    private CpuRnnPlan plan;
    private Tensor x, y, hx, hy, cx, cy, w, work, reserve, dy, dx, dhx, dcx, dw;

    @BeforeEach
    void setUp() {
        scope = TensorScope.open();
        plan = new CpuRnnPlan(rnn, TestThreads.ALL_CORES);
        RnnSpaceSizes sizes = plan.spaceSizes(RnnForwardMode.TRAINING, xDesc);
        x = filled(3, 2, 3);
        y = filled(3, 2, 8);
        hx = filled(4, 2, 4);
        hy = filled(4, 2, 4);
        cx = filled(4, 2, 4);
        cy = filled(4, 2, 4);
        w = filled(plan.weightSpaceSize());
        work = scope.zeros(sizes.workSpaceSize());
        reserve = scope.zeros(sizes.reserveSpaceSize());
        dy = filled(3, 2, 8);
        dx = filled(3, 2, 3);
        dhx = filled(4, 2, 4);
        dcx = filled(4, 2, 4);
        dw = scope.zeros(plan.weightSpaceSize());
    }

    @AfterEach
    void tearDown() {
        scope.close();
    }

    private Tensor filled(long... shape) {
        Tensor t = scope.zeros(shape);
        float[] a = new float[(int) t.elementCount()];
        Arrays.fill(a, 0.1f);
        t.copyFrom(a);
        return t;
    }

    private void forward(Tensor x, Tensor y, Tensor hx, Tensor cx, Tensor w, Tensor work, Tensor reserve) {
        plan.forward(RnnForwardMode.TRAINING, xDesc, x, y, hx, hy, cx, cy, w, work, reserve);
    }

    /** The call throws {@code type} with a message containing every fragment, and y, hy, dx keep their sentinel. */
    private void rejects(Class<? extends RuntimeException> type, Executable call, String... fragments) {
        y.copyFrom(sentinels(y));
        hy.copyFrom(sentinels(hy));
        dx.copyFrom(sentinels(dx));
        RuntimeException e = assertThrows(type, call);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        assertArrayEquals(sentinels(y), y.toFloatArray(), "y was written before the check");
        assertArrayEquals(sentinels(hy), hy.toFloatArray(), "hy was written before the check");
        assertArrayEquals(sentinels(dx), dx.toFloatArray(), "dx was written before the check");
    }

    private static float[] sentinels(Tensor t) {
        float[] a = new float[(int) t.elementCount()];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    @Test
    void shapesAreCheckedAgainstTheDescriptors() {
        rejects(IllegalArgumentException.class, () -> forward(filled(2, 2, 3), y, hx, cx, w, work, reserve), "x", "[2, 2, 3]", "[3, 2, 3]");
        rejects(IllegalArgumentException.class, () -> forward(x, filled(3, 2, 4), hx, cx, w, work, reserve), "y", "[3, 2, 8]");
        rejects(IllegalArgumentException.class, () -> forward(x, y, filled(2, 2, 4), cx, w, work, reserve), "hx");
        rejects(IllegalArgumentException.class, () -> forward(x, y, hx, filled(4, 2, 5), w, work, reserve), "cx");
        rejects(IllegalArgumentException.class, () -> forward(filled(3, 3, 2).transpose(1, 2), y, hx, cx, w, work, reserve), "x", "stride 1");
        RnnDataDescriptor wide = new RnnDataDescriptor(3, 2, 5, new int[] {3, 2}, RnnDataLayout.SEQ_MAJOR);
        rejects(IllegalArgumentException.class,
                () -> plan.forward(RnnForwardMode.TRAINING, wide, filled(3, 2, 5), y, hx, hy, cx, cy, w, work, reserve), "vectorSize 5", "inputSize 3");
        rejects(IllegalArgumentException.class, () -> plan.forward(RnnForwardMode.TRAINING, xDesc, x, y, hx, hy, cx, filled(4, 3, 4), w, work, reserve), "cy");
        rejects(IllegalArgumentException.class, () -> plan.backwardData(xDesc, y, filled(3, 2, 7), dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve), "dy");
        rejects(IllegalArgumentException.class, () -> plan.backwardData(xDesc, y, dy, filled(3, 1, 3), hx, hy, dhx, cx, cy, dcx, w, work, reserve), "dx");
        rejects(IllegalArgumentException.class, () -> plan.backwardData(xDesc, y, dy, dx, hx, hy, filled(4, 2), cx, cy, dcx, w, work, reserve), "dhx");
    }

    @Test
    void cellStatesAreRejectedForModesWithoutOne() {
        CpuRnnPlan gru = new CpuRnnPlan(new RnnDescriptor(RnnMode.GRU, 2, true, 3, 4, RnnBiasMode.DOUBLE_BIAS, 0f, 0L), TestThreads.ALL_CORES);
        Tensor gw = filled(gru.weightSpaceSize());
        Tensor gwork = scope.zeros(gru.spaceSizes(RnnForwardMode.INFERENCE, xDesc).workSpaceSize());
        rejects(IllegalArgumentException.class,
                () -> gru.forward(RnnForwardMode.INFERENCE, xDesc, x, y, hx, hy, cx, null, gw, gwork, null), "cx", "GRU has no cell state");
    }

    @Test
    void weightSpaceMustHaveTheExactSize() {
        rejects(IllegalArgumentException.class, () -> forward(x, y, hx, cx, filled(plan.weightSpaceSize() - 1), work, reserve), "weightSpace",
                String.valueOf(plan.weightSpaceSize()));
        rejects(IllegalArgumentException.class, () -> forward(x, y, hx, cx, null, work, reserve), "weightSpace is null");
        forward(x, y, hx, cx, w, work, reserve);
        plan.backwardData(xDesc, y, dy, dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve);
        rejects(IllegalArgumentException.class, () -> plan.backwardWeights(xDesc, x, hx, y, filled(3), work, reserve), "dWeightSpace");
    }

    @Test
    void workAndReserveSpacesMustBeLargeEnough() {
        rejects(IllegalArgumentException.class, () -> forward(x, y, hx, cx, w, work.slice(0, 0, work.elementCount() - 1), reserve), "workSpace");
        rejects(IllegalArgumentException.class, () -> forward(x, y, hx, cx, w, work, reserve.slice(0, 0, 10)), "reserveSpace", "fewer");
        rejects(IllegalArgumentException.class, () -> forward(x, y, hx, cx, w, work, null), "reserveSpace is null");
        rejects(IllegalArgumentException.class, () -> forward(x, y, hx, cx, w, null, reserve), "workSpace is null");
    }

    @Test
    void nullArguments() {
        rejects(IllegalArgumentException.class, () -> forward(null, y, hx, cx, w, work, reserve), "x is null");
        rejects(IllegalArgumentException.class, () -> forward(x, null, hx, cx, w, work, reserve), "y is null");
        rejects(IllegalArgumentException.class, () -> plan.forward(RnnForwardMode.TRAINING, null, x, y, hx, hy, cx, cy, w, work, reserve), "xDesc is null");
        rejects(IllegalArgumentException.class, () -> plan.forward(null, xDesc, x, y, hx, hy, cx, cy, w, work, reserve), "mode is null");
        rejects(IllegalArgumentException.class, () -> plan.backwardData(xDesc, y, null, dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve), "dy is null");
        rejects(IllegalArgumentException.class, () -> plan.backwardData(xDesc, y, dy, null, hx, hy, dhx, cx, cy, dcx, w, work, reserve), "dx is null");
        rejects(IllegalArgumentException.class, () -> plan.backwardData(xDesc, y, dy, dx, hx, hy, dhx, cx, cy, dcx, w, work, null), "reserveSpace is null");
    }

    @Test
    void closedTensorsThrowInsteadOfCrashing() {
        Tensor closedX;
        try (TensorScope other = TensorScope.open()) {
            closedX = other.zeros(3, 2, 3);
        }
        Tensor gone = closedX;
        rejects(IllegalStateException.class, () -> forward(gone, y, hx, cx, w, work, reserve), "rnn forward: x float32[3, 2, 3]@cpu is closed");
        Tensor closedW;
        try (TensorScope other = TensorScope.open()) {
            closedW = other.zeros(plan.weightSpaceSize());
        }
        Tensor goneW = closedW;
        rejects(IllegalStateException.class, () -> forward(x, y, hx, cx, goneW, work, reserve), "weightSpace float32[", "is closed");
        plan.close();
        rejects(IllegalStateException.class, () -> forward(x, y, hx, cx, w, work, reserve), "closed");
    }

    @Test
    void deviceAndDTypeMismatches() {
        Tensor onGpu = Tensor.contiguous(DeviceMemory.borrowed(scope, Device.cuda(0), 0x7f00_0000_0000L, 72), DType.FLOAT32, 3, 2, 3);
        rejects(IllegalArgumentException.class, () -> forward(onGpu, y, hx, cx, w, work, reserve), "rnn forward: x float32[3, 2, 3]@cuda:0 is on cuda:0 but this backend runs on cpu");
        Tensor ints = scope.allocate(DType.INT32, 4, 2, 4);
        rejects(IllegalArgumentException.class, () -> forward(x, y, ints, cx, w, work, reserve), "hx must be FLOAT32 but is int32[4, 2, 4]@cpu");
    }

    @Test
    void sequenceLengthsOutsideOneToMaxAreRejectedByTheDescriptor() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RnnDataDescriptor(3, 2, 3, new int[] {3, 0}, RnnDataLayout.SEQ_MAJOR))
                .getMessage().contains("seqLengths[1] = 0"));
        assertThrows(IllegalArgumentException.class, () -> new RnnDataDescriptor(3, 2, 3, new int[] {-1, 2}, RnnDataLayout.SEQ_MAJOR));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RnnDataDescriptor(3, 2, 3, new int[] {4, 2}, RnnDataLayout.BATCH_MAJOR))
                .getMessage().contains("outside [1, 3]"));
        assertThrows(IllegalArgumentException.class, () -> new RnnDataDescriptor(3, 2, 3, new int[] {3}, RnnDataLayout.SEQ_MAJOR));
    }

    @Test
    void reserveMustComeFromForwardOnTheSameXDescInOrder() {
        rejects(IllegalStateException.class, () -> plan.backwardData(xDesc, y, dy, dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve),
                "not written by forward(TRAINING)");
        forward(x, y, hx, cx, w, work, reserve);
        rejects(IllegalStateException.class, () -> plan.backwardWeights(xDesc, x, hx, y, dw, work, reserve), "backwardData");
        RnnDataDescriptor other = new RnnDataDescriptor(3, 2, 3, new int[] {2, 3}, RnnDataLayout.SEQ_MAJOR);
        rejects(IllegalArgumentException.class, () -> plan.backwardData(other, y, dy, dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve),
                "another xDesc");
        CpuRnnPlan otherRnn = new CpuRnnPlan(new RnnDescriptor(RnnMode.LSTM, 2, true, 3, 4, RnnBiasMode.DOUBLE_BIAS, 0.3f, 10L), TestThreads.ALL_CORES);
        rejects(IllegalArgumentException.class, () -> otherRnn.backwardData(xDesc, y, dy, dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve),
                "another descriptor");
        plan.backwardData(xDesc, y, dy, dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve);
        rejects(IllegalStateException.class, () -> plan.backwardData(xDesc, y, dy, dx, hx, hy, dhx, cx, cy, dcx, w, work, reserve),
                "already consumed");
        plan.backwardWeights(xDesc, x, hx, y, dw, work, reserve);
    }
}
