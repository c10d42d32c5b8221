package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backends;
import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The two sides' engines for a test class: a PyTorch manager and rnn4j's CPU backend, open for all its tests. */
final class PeerSides implements BeforeAllCallback, AfterAllCallback {

    private NDManager torch;
    private Backend backend;

    @Override
    public void beforeAll(ExtensionContext context) {
        torch = NDManager.newBaseManager("PyTorch");
        backend = Backends.cpu();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        backend.close();
        torch.close();
    }

    NDManager torch() {
        return torch;
    }

    Backend backend() {
        return backend;
    }
}
