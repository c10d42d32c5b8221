package dev.rnn4j.keras;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which Keras 3 lists the operations of a Functional model it rebuilds from a config ({@code
 * model.layers} is this order without the ops), which decides where Keras looks for each layer's weights: a depth-first
 * walk from the outputs numbers the operations in the order it first meets them; each operation's depth is the
 * longest path from it to an output; operations come deepest first, ties in walk order. Each operation here is called
 * once (one node).
 */
final class KerasOrder {

    private KerasOrder() {
    }

    /**
     * @param parents each operation's input operations, in the order Keras flattens the call's arguments (positional
     *                arguments first, then keyword arguments by sorted name)
     * @param outputs the operations producing the model's outputs, in output order
     * @param inputs  the model's InputLayers (kept even when no output depends on them)
     */
    static List<String> order(Map<String, List<String>> parents, List<String> outputs, List<String> inputs) {
        Map<String, Integer> walkIndex = new LinkedHashMap<>();
        List<String> postOrder = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        for (String out : outputs) visit(out, parents, walkIndex, postOrder, finished);
        Map<String, Integer> depth = new HashMap<>();
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            String op = postOrder.get(i);
            int d = depth.getOrDefault(op, 0);
            depth.put(op, d);
            for (String p : parents.getOrDefault(op, List.of())) depth.merge(p, d + 1, Math::max);
        }
        for (String in : inputs) {
            if (!depth.containsKey(in)) {
                depth.put(in, 0);
                walkIndex.put(in, -1);
            }
        }
        List<String> ops = new ArrayList<>(depth.keySet());
        ops.sort(Comparator.<String>comparingInt(depth::get).reversed().thenComparingInt(walkIndex::get));
        return ops;
    }

    private static void visit(String op, Map<String, List<String>> parents, Map<String, Integer> walkIndex, List<String> postOrder, Set<String> finished) {
        if (finished.contains(op)) return;
        walkIndex.putIfAbsent(op, walkIndex.size());
        for (String p : parents.getOrDefault(op, List.of())) visit(p, parents, walkIndex, postOrder, finished);
        finished.add(op);
        postOrder.add(op);
    }
}
