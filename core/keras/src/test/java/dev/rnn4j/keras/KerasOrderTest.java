package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link KerasOrder} against Keras itself: Keras writes a Functional model's layers in the order it computes
 * (model.layers and the weights follow it); rebuilding that order from each fixture's graph must give the same list.
 */
class KerasOrderTest {

    @Test
    void reproducesTheOrderKerasWroteForEveryFunctionalFixture() throws Exception {
        int checked = 0;
        for (String name : Fixtures.NAMES) {
            JsonNode root;
            try (ZipFile zip = new ZipFile(Fixtures.file(name + ".keras").toFile())) {
                root = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("config.json")));
            }
            if (!root.path("class_name").asText().equals("Functional")) continue;
            KerasConfig config = KerasConfig.parse(root, name);
            Map<String, List<String>> parents = new HashMap<>();
            List<String> written = new ArrayList<>();
            for (KerasConfig.Entry e : config.entries) {
                written.add(e.name());
                List<String> p = new ArrayList<>();
                for (KerasConfig.Call c : e.calls()) {
                    collect(c.args(), p);
                    collect(new ArrayList<>(new TreeMap<>(c.kwargs()).values()), p); // Keras flattens keyword arguments by sorted name
                }
                parents.put(e.name(), p);
            }
            List<String> inputs = config.inputs.stream().map(KerasConfig.Ref::layer).toList();
            assertEquals(written, KerasOrder.order(parents, config.outputs.stream().map(KerasConfig.Ref::layer).toList(), inputs), name);
            checked++;
        }
        assertEquals(4, checked, "functional fixtures checked (lstm_states, bidi_modes, attention, initial_state)");
    }

    private static void collect(List<Object> args, List<String> into) {
        for (Object a : args) {
            if (a instanceof KerasConfig.Ref r) into.add(r.layer());
            else if (a instanceof List<?> l) collect(new ArrayList<>(l), into);
        }
    }
}
