package dev.rnn4j.backend;

/** The backend that was chosen and, in words, why (e.g. "cuda: NVIDIA H100, cuDNN 9.6" or "cpu: CUDA backend unavailable: ..."). */
public record BackendChoice(Backend backend, String reason) {
}
