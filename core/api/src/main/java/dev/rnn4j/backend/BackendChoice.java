package dev.rnn4j.backend;

import java.util.Map;

/**
 * The backend that was chosen and, in words, why (e.g. "cuda: NVIDIA H100, cuDNN 9.6" or "cpu: pure Java");
 * {@code skipped} holds each provider passed over, by name, with its reason (in the order tried).
 */
public record BackendChoice(Backend backend, String reason, Map<String, String> skipped) {

    public BackendChoice {
        skipped = Map.copyOf(skipped);
    }

    public BackendChoice(Backend backend, String reason) {
        this(backend, reason, Map.of());
    }
}
