package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keras' masks as symbols, to check that what a Keras layer is given as its mask is what rnn4j will use. A mask is
 * the set of its sources ("nonzero(tokens[0][0])" for Embedding(mask_zero) on a tensor, "masking(x[0][0],-1.0)" for
 * Masking): a step is valid where any source says so ({@link #ALL}: every step valid). Keras 3 functional configs
 * spell the mask computations out as ops (NotEqual, Any, ExpandDims, ZerosLike, LogicalOr, Concatenate, ...):
 * {@link #evaluate} reduces those to masks and rejects any other use of ops.
 */
final class KerasMasks {

    static final String ALL = "*";

    private KerasMasks() {
    }

    /** A value in a mask computation. */
    sealed interface Sym permits Data, Const, Mask, Expanded, Broadcast, Elementwise, Filled, ListSym {
    }

    /** A data tensor (a layer's output): its reference and rank (with the batch dimension). */
    record Data(KerasConfig.Ref ref, int rank) implements Sym {
    }

    record Const(double value) implements Sym {
    }

    /** A [B, T] mask. */
    record Mask(Set<String> sources) implements Sym {
    }

    /** A mask with a trailing axis of 1 ([B, T, 1]). */
    record Expanded(Set<String> sources) implements Sym {
    }

    /** A mask broadcast over features ([B, T, F]). */
    record Broadcast(Set<String> sources) implements Sym {
    }

    /** x != value elementwise over a float sequence ([B, T, F]). */
    record Elementwise(KerasConfig.Ref ref, double value) implements Sym {
    }

    /** zeros_like / ones_like of a tensor, as booleans. */
    record Filled(boolean value) implements Sym {
    }

    static Set<String> nonzero(KerasConfig.Ref tokens) {
        return Set.of("nonzero(" + tokens.key() + ")");
    }

    static Set<String> masking(KerasConfig.Ref x, double value) {
        return Set.of("masking(" + x.key() + "," + value + ")");
    }

    /** Keras' Concatenate mask: valid where any input is; an input without a mask counts as all valid; null when no input has one. */
    static Set<String> union(List<Set<String>> masks) {
        if (masks.stream().allMatch(m -> m == null)) return null;
        Set<String> out = new LinkedHashSet<>();
        for (Set<String> m : masks) out.addAll(m == null ? Set.of(ALL) : m);
        return out.contains(ALL) ? Set.of(ALL) : out;
    }

    /** The value of op {@code className} on {@code args}; {@code where} names the op in errors. */
    static Sym evaluate(String className, JsonNode config, List<Sym> args, String where) {
        Sym a = args.isEmpty() ? null : args.get(0);
        Sym b = args.size() > 1 ? args.get(1) : null;
        int axis = config == null ? -1 : config.path("axis").asInt(-1);
        switch (className) {
            case "ConvertToTensor", "Cast", "Copy" -> {
                if (a != null) return a;
            }
            case "NotEqual" -> {
                if (a instanceof Data d && b instanceof Const c) {
                    if (d.rank() == 2 && c.value() == 0) return new Mask(nonzero(d.ref()));
                    if (d.rank() == 3) return new Elementwise(d.ref(), c.value());
                }
            }
            case "Any" -> {
                if (axis == -1 && !config.path("keepdims").asBoolean(false)) {
                    if (a instanceof Elementwise e) return new Mask(masking(e.ref(), e.value()));
                    if (a instanceof Broadcast m) return new Mask(m.sources());
                }
            }
            case "ExpandDims" -> {
                if (axis == -1 && a instanceof Mask m) return new Expanded(m.sources());
            }
            case "ZerosLike", "OnesLike" -> {
                if (a != null) return new Filled(className.equals("OnesLike"));
            }
            case "LogicalOr" -> {
                if (a instanceof Expanded m && b instanceof Filled f) return new Broadcast(f.value() ? Set.of(ALL) : m.sources());
                if (a instanceof Filled f && b instanceof Expanded m) return new Broadcast(f.value() ? Set.of(ALL) : m.sources());
            }
            case "LogicalAnd" -> {
                if (a instanceof Mask m && b instanceof Mask n && m.equals(n)) return m;
            }
            case "Concatenate" -> {
                if (axis == -1 && a instanceof ListSym l) return new Broadcast(l.union());
            }
            default -> {
            }
        }
        throw new IllegalArgumentException(where + ": Keras op " + className + " on " + args + " is not a mask computation rnn4j recognises; rnn4j imports"
                + " layers, and ops only where Keras computes masks (NotEqual, Any, ExpandDims, ZerosLike, LogicalOr, Concatenate)");
    }

    /** Several broadcast masks passed as one list argument (the op Concatenate's input). */
    record ListSym(List<Sym> items) implements Sym {
        Set<String> union() {
            Set<String> out = new LinkedHashSet<>();
            for (Sym s : items) {
                if (!(s instanceof Broadcast b)) throw new IllegalArgumentException("a mask concatenation over " + s);
                out.addAll(b.sources());
            }
            return out.contains(ALL) ? Set.of(ALL) : out;
        }
    }
}
