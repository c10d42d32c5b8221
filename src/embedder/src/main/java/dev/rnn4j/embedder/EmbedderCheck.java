package dev.rnn4j.embedder;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.backend.Backends;
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
import java.util.List;
import java.util.Set;

/**
 * Runs as a named module on the module path (the build's integration-test phase) and exits non-zero unless:
 * it is a named module; the only non-JDK modules in the boot layer are rnn4j's; the backends were found as
 * services; and an LSTM forward over the framework's own off-heap input gives outputs whose last valid step
 * equals the final hidden state, with zeros past a shorter sequence's length.
 */
public final class EmbedderCheck {

    private static final Set<String> RNN4J_MODULES = Set.of("dev.rnn4j.embedder", "dev.rnn4j.api", "dev.rnn4j.cpu",
            "dev.rnn4j.cuda", "dev.rnn4j.bindings");

    private EmbedderCheck() {
    }

    public static void main(String[] args) {
        check(EmbedderCheck.class.getModule().isNamed(), "not running as a named module");
        List<String> foreign = ModuleLayer.boot().modules().stream().map(Module::getName)
                .filter(n -> !n.startsWith("java.") && !n.startsWith("jdk.") && !RNN4J_MODULES.contains(n)).sorted().toList();
        check(foreign.isEmpty(), "third-party modules at runtime: " + foreign);
        check(Backends.providers().size() == 2, "expected the cpu and cuda providers, found " + Backends.providers().stream().map(p -> p.name()).toList());

        BackendChoice choice = Backends.auto();
        System.out.println("embedder: backend " + choice.reason());
        try (Backend backend = choice.backend()) {
            lstmForwardOnOwnMemory(backend);
        }
        System.out.println("embedder: OK (named module, only rnn4j modules, LSTM forward on the framework's own memory)");
    }

    private static void lstmForwardOnOwnMemory(Backend backend) {
        int steps = 6, batch = 2, input = 3, hidden = 4;
        RnnDescriptor lstm = RnnDescriptor.of(RnnMode.LSTM, 1, false, input, hidden);
        int[] lengths = {6, 4};
        RnnDataDescriptor xDesc = new RnnDataDescriptor(steps, batch, input, lengths, RnnDataLayout.BATCH_MAJOR);
        try (Arena framework = Arena.ofShared(); TensorScope scope = TensorScope.open(); RnnPlan plan = backend.rnn(lstm)) {
            MemorySegment own = framework.allocate(ValueLayout.JAVA_FLOAT, (long) steps * batch * input);
            for (long i = 0; i < own.byteSize() / 4; i++) own.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) Math.sin(i));
            Tensor hostX = Tensor.wrap(own, xDesc.shape());
            check(hostX.segment().address() == own.address(), "wrap copied the framework's memory");

            Tensor x = onDevice(backend, scope, hostX);
            Tensor y = backend.allocate(scope, DType.FLOAT32, xDesc.withVectorSize(hidden).shape());
            Tensor hy = backend.allocate(scope, DType.FLOAT32, 1, batch, hidden);
            Tensor cy = backend.allocate(scope, DType.FLOAT32, 1, batch, hidden);
            float[] w = new float[(int) plan.weightSpaceSize()];
            for (int i = 0; i < w.length; i++) w[i] = (float) Math.cos(i) * 0.3f;
            Tensor weights = backend.allocate(scope, DType.FLOAT32, w.length);
            backend.copy(scope.fromArray(w, w.length), weights);
            RnnSpaceSizes sizes = plan.spaceSizes(RnnForwardMode.INFERENCE, xDesc);
            Tensor work = backend.allocate(scope, DType.FLOAT32, Math.max(1, sizes.workSpaceSize()));
            plan.forward(RnnForwardMode.INFERENCE, xDesc, x, y, null, hy, null, cy, weights, work, null);

            Tensor hostY = scope.zeros(y.shape());
            Tensor hostHy = scope.zeros(hy.shape());
            backend.copy(y, hostY);
            backend.copy(hy, hostHy);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    float last = hostY.get(b, lengths[b] - 1, j);
                    check(last == hostHy.get(0, b, j) && last != 0f, "y at the last valid step differs from hy (sequence " + b + ")");
                    for (int t = lengths[b]; t < steps; t++) check(hostY.get(b, t, j) == 0f, "y past the length is not zero");
                }
            }
        }
    }

    private static Tensor onDevice(Backend backend, TensorScope scope, Tensor host) {
        if (backend.device().isHost()) return host;
        Tensor t = backend.allocate(scope, host.dtype(), host.shape());
        backend.copy(host, t);
        return t;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("embedder: FAILED: " + what);
            System.exit(1);
        }
    }
}
