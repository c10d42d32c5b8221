package dev.rnn4j.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The shipped PTX modules loaded into one context (each module on first use) and kernel launches.
 * Arguments are boxed by type: {@code Long} = 64-bit integer or device pointer, {@code Integer} = int,
 * {@code Float} = float.
 */
final class CudaKernels implements AutoCloseable {

    private final Map<String, MemorySegment> modules = new HashMap<>();
    private final Map<Kernel, MemorySegment> functions = new EnumMap<>(Kernel.class);

    void launch(Kernel kernel, LaunchConfig config, MemorySegment stream, Object... args) {
        MemorySegment function = functions.computeIfAbsent(kernel, k -> Driver.function(module(k.module()), k.entry()));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(ValueLayout.ADDRESS, Math.max(1, args.length));
            for (int i = 0; i < args.length; i++) params.setAtIndex(ValueLayout.ADDRESS, i, slot(arena, args[i], kernel, i));
            Driver.launch(function, kernel.entry(), config, stream, params);
        }
    }

    private static MemorySegment slot(Arena arena, Object arg, Kernel kernel, int index) {
        return switch (arg) {
            case Long l -> arena.allocateFrom(ValueLayout.JAVA_LONG, l);
            case Integer i -> arena.allocateFrom(ValueLayout.JAVA_INT, i);
            case Float f -> arena.allocateFrom(ValueLayout.JAVA_FLOAT, f);
            case null, default -> throw new IllegalArgumentException(kernel.entry() + ": argument " + index + " has unsupported type " + arg);
        };
    }

    private MemorySegment module(String name) {
        return modules.computeIfAbsent(name, n -> Driver.loadModule(n, KernelModule.ptx(n)));
    }

    @Override
    public void close() {
        for (MemorySegment m : modules.values()) Driver.unloadModule(m);
        modules.clear();
        functions.clear();
    }
}
