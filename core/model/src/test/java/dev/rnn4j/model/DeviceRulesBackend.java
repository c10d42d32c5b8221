package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Blas;
import dev.rnn4j.backend.RnnOps;
import dev.rnn4j.tensor.Tensor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * The CPU backend with the CUDA backend's extra operand rule on top, for running model code on a machine without
 * a GPU and learning whether the CUDA backend would accept every call it makes: the CUDA kernels, reductions,
 * embedding gathers and host/device copies index linearly and take only contiguous tensors
 * ({@code DeviceOperands} in rnn4j-cuda), while cuBLAS takes any row stride (GEMM) and the RNN plan packs strided
 * views itself. Every call whose tensor arguments break that rule throws, naming the call and the argument; the
 * calls made are counted by method name.
 */
final class DeviceRulesBackend implements InvocationHandler {

    private final Backend cpu;

    private DeviceRulesBackend(Backend cpu) {
        this.cpu = cpu;
    }

    /** {@code cpu} behind the contiguity rule, and the list the calls are recorded in. */
    static Backend wrap(Backend cpu, List<String> callsOut) {
        DeviceRulesBackend handler = new DeviceRulesBackend(cpu);
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (p, m, a) -> {
            Object r = handler.invoke(p, m, a);
            callsOut.add(m.getName());
            return r;
        });
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        boolean any = method.getDeclaringClass() != Blas.class && method.getDeclaringClass() != RnnOps.class && !method.getName().equals("wrap");
        if (any && args != null) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Tensor t && !t.isContiguous()) {
                    throw new AssertionError(method.getName() + ": argument " + i + " " + t.describe() + " is not contiguous (strides "
                            + java.util.Arrays.toString(t.strides()) + "); the CUDA backend would refuse it");
                }
            }
        }
        try {
            return method.invoke(cpu, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
