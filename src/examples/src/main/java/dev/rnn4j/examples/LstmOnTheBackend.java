package dev.rnn4j.examples;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.Random;

/**
 * What a host framework does with rnn4j: hand its own off-heap input to the backend ({@link Backend#toDevice}: read
 * in place on the CPU, copied once to a GPU), run
 * one LSTM training step through the cuDNN-shaped {@link RnnPlan} (forward, backward-data,
 * backward-weights), and read the weight gradients back under PyTorch's parameter names.
 * The test suite runs {@link #run} on every build.
 */
public final class LstmOnTheBackend {

    /** Returns the gradient norm of weight_hh_l0 (so a test can check the step did something). */
    public static double run(Backend backend) {
        int seqLength = 12, batch = 3, input = 5, hidden = 8;
        RnnDescriptor lstm = RnnDescriptor.of(RnnMode.LSTM, 1, false, input, hidden);
        // the second sequence is shorter: its outputs past step 7 stay zero and hy is its state at step 7
        RnnDataDescriptor xDesc = new RnnDataDescriptor(seqLength, batch, input, new int[] {12, 7, 12}, RnnDataLayout.BATCH_MAJOR);

        try (Arena frameworkMemory = Arena.ofShared(); TensorScope scope = TensorScope.open(); RnnPlan plan = backend.rnn(lstm)) {
            // the framework's own buffer, wrapped without a copy (a host backend reads it in place)
            MemorySegment own = frameworkMemory.allocate(ValueLayout.JAVA_FLOAT, (long) batch * seqLength * input);
            Random random = new Random(1);
            for (long i = 0; i < own.byteSize() / 4; i++) own.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
            Tensor hostX = Tensor.wrap(own, xDesc.shape());

            Tensor x = backend.toDevice(scope, hostX);                // the same tensor on the CPU, a device copy on a GPU
            Tensor y = backend.allocate(scope, DType.FLOAT32, xDesc.withVectorSize(lstm.outputSize()).shape());
            Tensor weights = backend.allocate(scope, DType.FLOAT32, plan.weightSpaceSize());
            Tensor dWeights = backend.allocate(scope, DType.FLOAT32, plan.weightSpaceSize());
            float[] init = new float[(int) plan.weightSpaceSize()];
            for (int i = 0; i < init.length; i++) init[i] = (float) (random.nextGaussian() * 0.2);
            backend.copy(scope.fromArray(init, init.length), weights);

            RnnSpaceSizes sizes = plan.spaceSizes(RnnForwardMode.TRAINING, xDesc);
            Tensor work = backend.allocate(scope, DType.FLOAT32, Math.max(1, sizes.workSpaceSize()));
            Tensor reserve = backend.allocate(scope, DType.FLOAT32, Math.max(1, sizes.reserveSpaceSize()));

            plan.forward(RnnForwardMode.TRAINING, xDesc, x, y, null, null, null, null, weights, work, reserve);
            Tensor dy = backend.allocate(scope, DType.FLOAT32, y.shape());
            backend.fill(dy, 1f);                                  // d(sum y)/dy
            Tensor dx = backend.allocate(scope, DType.FLOAT32, x.shape());
            plan.backwardData(xDesc, y, dy, dx, null, null, null, null, null, null, weights, work, reserve);
            plan.backwardWeights(xDesc, x, null, y, dWeights, work, reserve);

            Tensor hostGrad = scope.zeros(plan.weightSpaceSize());
            backend.copy(dWeights, hostGrad);
            Map<String, float[]> grads = PyTorchRnnWeights.toPyTorch(lstm, hostGrad.toFloatArray());
            double norm = 0;
            for (float g : grads.get("weight_hh_l0")) norm += g * g;
            return Math.sqrt(norm);
        }
    }

    public static void main(String[] args) {
        try (Backend backend = Backends.auto().backend()) {
            System.out.printf("backend %s: |dL/d weight_hh_l0| = %.6f%n", backend.name(), run(backend));
        }
    }

    private LstmOnTheBackend() {
    }
}
