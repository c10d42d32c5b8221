package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.backend.spi.RnnCallRules;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * One RNN on cuDNN's v8 API, one method per cuDNN phase (forward, backward data, backward weights), in the
 * manner of PyTorch's cudnn/RNN.cpp. The canonical weight space is mapped onto cuDNN's at construction
 * (cudnnGetRNNWeightParams per matrix and bias); when the layouts coincide cuDNN reads and accumulates into
 * the caller's tensors in place, otherwise weights are copied in before forward/backwardData and weight
 * gradients copied out after backwardWeights. Every operand is checked on the host before any call, by the
 * shared {@link RnnCallRules} with packed sequences and states (cuDNN reads no other strides);
 * {@link PackingRnnPlan} packs other views around this plan. Each phase makes its x/y/h descriptors in one
 * try-with-resources; the sequence lengths are uploaded once per data descriptor ({@link SeqLengthsCache}).
 */
final class CudnnRnnPlan implements RnnPlan {

    private final CudaContext cuda;
    private final RnnDescriptor rnn;
    private final CudnnDropout dropout;
    private final CudnnRnnDescriptor descriptor;
    private final long weightElements;
    private final List<WeightSpaceMapping.Run> runs;
    private final boolean inPlace;
    private final DeviceBuffer cudnnWeights; // cuDNN-ordered copy, only when the layouts differ
    private final SeqLengthsCache<DeviceBuffer> seqLengths;
    private boolean closed;

    CudnnRnnPlan(CudaContext cuda, RnnDescriptor rnn) {
        this.cuda = cuda;
        this.rnn = rnn;
        this.weightElements = rnn.weightLayout().size();
        CudnnDropout d = CudnnDropout.create(cuda, rnn.dropout(), rnn.dropoutSeed());
        CudnnRnnDescriptor r = null;
        DeviceBuffer probe = null;
        try {
            r = new CudnnRnnDescriptor(rnn, d, cuda.options.tf32Rnn());
            long bytes = weightSpaceBytes(r);
            if (bytes != weightElements * Float.BYTES) {
                throw new IllegalStateException("cuDNN's weight space for " + rnn + " has " + bytes + " bytes; the canonical layout has "
                        + weightElements + " floats");
            }
            probe = new DeviceBuffer(cuda.allocator, bytes);
            List<WeightSpaceMapping.Piece> pieces = WeightSpaceMapping.pieces(rnn);
            this.runs = WeightSpaceMapping.runs(pieces, cudnnOffsets(r, probe, pieces));
            this.inPlace = WeightSpaceMapping.isIdentity(runs, weightElements);
            if (inPlace) {
                probe.close();
                probe = null;
            }
        } catch (RuntimeException e) {
            if (probe != null) probe.close();
            if (r != null) r.close();
            d.close();
            throw e;
        }
        this.dropout = d;
        this.descriptor = r;
        this.cudnnWeights = probe;
        this.seqLengths = new SeqLengthsCache<>(SeqLengthsCache.CAPACITY, lengths -> DeviceBuffer.ofInts(cuda, lengths), DeviceBuffer::close);
    }

    private long weightSpaceBytes(CudnnRnnDescriptor r) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(ValueLayout.JAVA_LONG);
            Status.cudnn(cudnnGetRNNWeightSpaceSize(cuda.cudnn().handle(), r.handle(), size), "cudnnGetRNNWeightSpaceSize");
            return size.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** Where cuDNN keeps each piece, in floats from the start of its weight space, checked against the piece's size. */
    private long[] cudnnOffsets(CudnnRnnDescriptor r, DeviceBuffer space, List<WeightSpaceMapping.Piece> pieces) {
        long[] offsets = new long[pieces.size()];
        try (Arena a = Arena.ofConfined(); CudnnTensorDescriptor m = new CudnnTensorDescriptor(); CudnnTensorDescriptor b = new CudnnTensorDescriptor()) {
            MemorySegment mAddr = a.allocate(ValueLayout.ADDRESS);
            MemorySegment bAddr = a.allocate(ValueLayout.ADDRESS);
            for (int i = 0; i < pieces.size(); i++) {
                WeightSpaceMapping.Piece p = pieces.get(i);
                Status.cudnn(cudnnGetRNNWeightParams(cuda.cudnn().handle(), r.handle(), p.pseudoLayer(), space.bytes, space.pointer(), p.linLayerId(),
                        m.handle(), mAddr, b.handle(), bAddr), "cudnnGetRNNWeightParams");
                long address = (p.bias() ? bAddr : mAddr).get(ValueLayout.ADDRESS, 0).address();
                if (address == 0) throw new IllegalStateException("cuDNN has no " + describe(p) + " although the bias mode is " + rnn.biasMode());
                long elements = (p.bias() ? b : m).elements();
                if (elements != p.elements()) {
                    throw new IllegalStateException("cuDNN's " + describe(p) + " has " + elements + " elements, the canonical layout " + p.elements());
                }
                offsets[i] = (address - space.address) / Float.BYTES;
            }
        }
        return offsets;
    }

    private static String describe(WeightSpaceMapping.Piece p) {
        return (p.bias() ? "bias" : "matrix") + " (pseudoLayer " + p.pseudoLayer() + ", linLayerID " + p.linLayerId() + ")";
    }

    @Override
    public RnnDescriptor descriptor() {
        return rnn;
    }

    @Override
    public long weightSpaceSize() {
        return weightElements;
    }

    private void enter(String op) {
        if (closed) throw new IllegalStateException(op + ": this RNN plan is closed");
        cuda.enter(op);
    }

    @Override
    public RnnSpaceSizes spaceSizes(RnnForwardMode mode, RnnDataDescriptor xDesc) {
        RnnCallRules.spaceSizes(rnn, mode, xDesc);
        enter("spaceSizes");
        try (Arena a = Arena.ofConfined(); CudnnRnnDataDescriptor x = new CudnnRnnDataDescriptor(xDesc)) {
            MemorySegment work = a.allocate(ValueLayout.JAVA_LONG);
            MemorySegment reserve = a.allocate(ValueLayout.JAVA_LONG);
            Status.cudnn(cudnnGetRNNTempSpaceSizes(cuda.cudnn().handle(), descriptor.handle(), CudnnEnums.forwardMode(mode), x.handle(), work, reserve),
                    "cudnnGetRNNTempSpaceSizes");
            return new RnnSpaceSizes(Math.ceilDiv(work.get(ValueLayout.JAVA_LONG, 0), Float.BYTES),
                    Math.ceilDiv(reserve.get(ValueLayout.JAVA_LONG, 0), Float.BYTES));
        }
    }

    private RnnCallRules rules() {
        return new RnnCallRules(cuda.device, RnnCallRules.Strides.CONTIGUOUS);
    }

    @Override
    public void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                        Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        String op = "rnn forward";
        rules().forward(this, mode, xDesc, x, y, hx, hy, cx, cy, weightSpace, workSpace, reserveSpace);
        run(op, xDesc, d -> {
            long w = weightsIn(weightSpace);
            Status.cudnn(cudnnRNNForward(d.cudnn, descriptor.handle(), CudnnEnums.forwardMode(mode), d.seqLengths, d.x, ptr(x), d.y, ptr(y), d.h,
                    ptr(hx), ptr(hy), d.h, ptr(cx), ptr(cy), weightElements * Float.BYTES, MemorySegment.ofAddress(w), bytes(workSpace),
                    ptr(workSpace), bytes(reserveSpace), ptr(reserveSpace)), "cudnnRNNForward");
        });
    }

    @Override
    public void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx, Tensor cx, Tensor dcy,
                             Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        String op = "rnn backwardData";
        rules().backwardData(this, xDesc, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, weightSpace, workSpace, reserveSpace);
        run(op, xDesc, d -> {
            long w = weightsIn(weightSpace);
            Status.cudnn(cudnnRNNBackwardData_v8(d.cudnn, descriptor.handle(), d.seqLengths, d.y, ptr(y), ptr(dy), d.x, ptr(dx), d.h, ptr(hx),
                    ptr(dhy), ptr(dhx), d.h, ptr(cx), ptr(dcy), ptr(dcx), weightElements * Float.BYTES, MemorySegment.ofAddress(w), bytes(workSpace),
                    ptr(workSpace), bytes(reserveSpace), ptr(reserveSpace)), "cudnnRNNBackwardData_v8");
        });
    }

    @Override
    public void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace, Tensor reserveSpace) {
        String op = "rnn backwardWeights";
        rules().backwardWeights(this, xDesc, x, hx, y, dWeightSpace, workSpace, reserveSpace);
        run(op, xDesc, d -> {
            long dw = weightsIn(dWeightSpace); // ADD mode accumulates into the existing gradient, so it goes in too
            Status.cudnn(cudnnRNNBackwardWeights_v8(d.cudnn, descriptor.handle(), CUDNN_WGRAD_MODE_ADD(), d.seqLengths, d.x, ptr(x), d.h, ptr(hx), d.y,
                    ptr(y), weightElements * Float.BYTES, MemorySegment.ofAddress(dw), bytes(workSpace), ptr(workSpace), bytes(reserveSpace),
                    ptr(reserveSpace)), "cudnnRNNBackwardWeights_v8");
            if (!inPlace) copyRuns(true, dWeightSpace.address());
        });
    }

    /** What one cuDNN phase call needs besides its tensors: the handle, the x/y/h descriptors and the device copy of the lengths. */
    private record Descriptors(MemorySegment cudnn, MemorySegment x, MemorySegment y, MemorySegment h, MemorySegment seqLengths) {
    }

    @FunctionalInterface
    private interface Phase {
        void call(Descriptors d);
    }

    /** Runs one phase with this call's descriptors (created here, destroyed on the way out) and the cached lengths. */
    private void run(String op, RnnDataDescriptor xDesc, Phase phase) {
        enter(op);
        MemorySegment lengths = seqLengths.lengths(xDesc).pointer();
        try (CudnnRnnDataDescriptor x = new CudnnRnnDataDescriptor(xDesc);
             CudnnRnnDataDescriptor y = new CudnnRnnDataDescriptor(xDesc.withVectorSize(rnn.outputSize()));
             CudnnTensorDescriptor h = new CudnnTensorDescriptor(rnn.numLayers() * rnn.directions(), xDesc.batchSize(), rnn.hiddenSize())) {
            phase.call(new Descriptors(cuda.cudnn().handle(), x.handle(), y.handle(), h.handle(), lengths));
        }
    }

    /** The address cuDNN should use for a canonical weight (or gradient) space: itself, or the cuDNN-ordered copy. */
    private long weightsIn(Tensor canonical) {
        if (inPlace) return canonical.address();
        copyRuns(false, canonical.address());
        return cudnnWeights.address;
    }

    private void copyRuns(boolean toCanonical, long canonical) {
        for (WeightSpaceMapping.Run r : runs) {
            long c = canonical + r.canonicalOffset() * Float.BYTES, d = cudnnWeights.address + r.cudnnOffset() * Float.BYTES;
            long n = r.elements() * Float.BYTES;
            if (toCanonical) Driver.copyDeviceToDevice(c, d, n, cuda.stream);
            else Driver.copyDeviceToDevice(d, c, n, cuda.stream);
        }
    }

    private static MemorySegment ptr(Tensor t) {
        return t == null ? MemorySegment.NULL : MemorySegment.ofAddress(t.address());
    }

    private static long bytes(Tensor t) {
        return t == null ? 0 : t.elementCount() * Float.BYTES;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (dropout; descriptor; seqLengths) {
            if (cudnnWeights != null) cudnnWeights.close();
        }
    }
}
