package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.io.SafeTensors;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.Callback;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit's stops (time budget, step limit, stopTraining mid-epoch) and training from a Dataset. */
class FitControlTest {

    private final TensorScope scope = TensorScope.open();
    private final WorkflowTest data = new WorkflowTest();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        scope.close();
        data.close();
    }

    private static Model compiled() {
        Model m = WorkflowTest.charModel().build(Backends.cpu(), 3);
        m.compile(Optimizers.sgd(0.1f), Losses.sparseCategoricalCrossentropy(true));
        return m;
    }

    /** Counts batches and records (epoch, batch) pairs. */
    private static final class Batches implements Callback {
        final List<int[]> seen = new ArrayList<>();
        final List<Integer> epochEnds = new ArrayList<>();

        @Override
        public void onBatchEnd(Model model, BatchEnd batch) {
            seen.add(new int[] {batch.epoch(), batch.batch()});
        }

        @Override
        public boolean onEpochEnd(Model model, int epoch, java.util.Map<String, Double> logs) {
            epochEnds.add(epoch);
            return true;
        }
    }

    @Test
    void theStepLimitEndsTrainingMidEpochAndTheEpochStillGetsItsLogs() {
        Tensor[] d = data.data(); // 48 samples: 6 batches of 8 per epoch
        try (Model m = compiled()) {
            Batches cb = new Batches();
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(5).batchSize(8).steps(9), cb);
            assertEquals(History.StopReason.STEP_LIMIT, h.stopReason());
            assertEquals(9, h.steps());
            assertEquals(9, cb.seen.size());
            assertEquals(List.of(0, 1), cb.epochEnds);
            assertEquals(2, h.epochs().size());
            assertTrue(Double.isFinite(h.last().get("loss")));
        }
    }

    @Test
    void stopTrainingFromACallbackEndsAfterThatBatch() {
        Tensor[] d = data.data();
        try (Model m = compiled()) {
            Batches cb = new Batches();
            Callback stopAtThird = new Callback() {
                @Override
                public void onBatchEnd(Model model, BatchEnd batch) {
                    if (batch.globalStep() == 3) model.stopTraining();
                }
            };
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(3).batchSize(8), cb, stopAtThird);
            assertEquals(History.StopReason.STOPPED, h.stopReason());
            assertEquals(3, cb.seen.size());
            assertTrue(h.stoppedEarly());
            // a new fit starts afresh (the request was consumed)
            History again = m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(8));
            assertEquals(History.StopReason.EPOCHS_DONE, again.stopReason());
            assertEquals(6, again.steps());
        }
    }

    @Test
    void aSpentTimeBudgetEndsAfterTheCurrentBatch() {
        Tensor[] d = data.data();
        try (Model m = compiled()) {
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(1000).batchSize(8).timeBudget(Duration.ofNanos(1)));
            assertEquals(History.StopReason.TIME_BUDGET, h.stopReason());
            assertEquals(1, h.steps());
            assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().timeBudget(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().steps(-1));
        }
    }

    @Test
    void aDatasetTrainsLikeTheSameTensors() {
        Tensor[] d = data.data();
        Dataset asDataset = new Dataset() { // batches built on demand from the same rows
            @Override
            public int size() {
                return (int) d[0].dim(0);
            }

            @Override
            public Batch batch(TensorScope s, int[] rows) {
                return Dataset.of(d[0], d[1]).batch(s, rows);
            }
        };
        FitOptions options = FitOptions.defaults().epochs(2).batchSize(8).validationSplit(0.25).seed(5);
        try (Model a = compiled(); Model b = compiled()) {
            History fromTensors = a.fit(d[0], d[1], options);
            History fromDataset = b.fit(asDataset, options);
            assertArrayEquals(fromTensors.get("loss"), fromDataset.get("loss"));
            assertArrayEquals(fromTensors.get("val_loss"), fromDataset.get("val_loss"));
        }
    }

    @Test
    void datasetRowsOutOfRangeAreRejected() {
        Tensor[] d = data.data();
        Dataset all = Dataset.of(d[0], d[1]);
        assertThrows(IndexOutOfBoundsException.class, () -> all.batch(scope, new int[] {48}));
        assertThrows(IndexOutOfBoundsException.class, () -> all.range(40, 48).batch(scope, new int[] {8}));
        assertThrows(IndexOutOfBoundsException.class, () -> all.range(10, 49));
    }

    /** Records each step's loss and where the next step would start (epoch, batch). */
    private static final class Steps implements Callback {
        final List<Double> losses = new ArrayList<>();
        int nextEpoch;
        int nextBatch;

        @Override
        public void onBatchEnd(Model model, BatchEnd batch) {
            losses.add(batch.loss());
            boolean lastOfEpoch = batch.batch() + 1 == batch.batches();
            nextEpoch = lastOfEpoch ? batch.epoch() + 1 : batch.epoch();
            nextBatch = lastOfEpoch ? 0 : batch.batch() + 1;
        }
    }

    /** Embedding → Dropout → LSTM → Dropout → Dense: dropout makes the masks (the pass counter) part of the state. */
    private static Model withDropout() {
        Model m = Sequential.of(Input.tokens(-1), Layers.embedding(WorkflowTest.V, 4), Layers.dropout(0.3f),
                Layers.lstm(8).returnSequences(true), Layers.dropout(0.3f), Layers.dense(WorkflowTest.V)).build(Backends.cpu(), 11);
        m.compile(Optimizers.adam(1e-2f), Losses.sparseCategoricalCrossentropy(true));
        return m;
    }

    @Test
    void aRunStoppedMidEpochAndResumedAtItsPositionRepeatsTheUninterruptedRunBitForBit() throws Exception {
        Tensor[] d = data.data(); // 48 samples, 25% held out: 36 for training, 5 batches of 8 per epoch
        FitOptions options = FitOptions.defaults().epochs(3).batchSize(8).seed(9).validationSplit(0.25);
        Steps whole = new Steps();
        try (Model m = withDropout()) {
            m.fit(d[0], d[1], options, whole);
        }
        assertEquals(15, whole.losses.size());
        Steps first = new Steps();
        Path file = dir.resolve("stopped.safetensors");
        try (Model m = withDropout()) {
            History h = m.fit(d[0], d[1], options.steps(7), first); // stops at batch 2 of epoch 1, validates that partial epoch
            assertTrue(h.last().containsKey("val_loss"), "the partial epoch is validated: " + h.last());
            Checkpoint.save(file, m, Map.of());
        }
        assertEquals(1, first.nextEpoch);
        assertEquals(2, first.nextBatch);
        Steps rest = new Steps();
        try (Model m = Checkpoint.load(file, Backends.cpu()).model()) {
            m.fit(d[0], d[1], options.startAt(first.nextEpoch, first.nextBatch), rest);
        }
        List<Double> resumed = new ArrayList<>(first.losses);
        resumed.addAll(rest.losses);
        assertEquals(whole.losses, resumed, "the same losses, bit for bit");
    }

    @Test
    void aStopRequestSkipsTheValidationOfTheEpochItCutShort() {
        Tensor[] d = data.data();
        try (Model m = compiled()) {
            Callback stopAtSecond = new Callback() {
                @Override
                public void onBatchEnd(Model model, BatchEnd batch) {
                    if (batch.globalStep() == 2) model.stopTraining();
                }
            };
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(8).validationSplit(0.25), stopAtSecond);
            assertEquals(History.StopReason.STOPPED, h.stopReason());
            assertTrue(h.last().containsKey("loss") && !h.last().containsKey("val_loss"), h.last().toString());
        }
    }

    @Test
    void aStartPositionOutsideTheRunIsRejected() {
        Tensor[] d = data.data();
        try (Model m = compiled()) {
            var e = assertThrows(IllegalArgumentException.class, () -> m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(8).startAt(0, 6)));
            assertTrue(e.getMessage().contains("initial batch 6"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().epochs(2).startAt(2, 0));
            assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().startAt(0, -1));
        }
    }

    @Test
    void safetensorsMetadataIsReadWithoutTheTensors() throws Exception {
        Path file = dir.resolve("m.safetensors");
        try (Model m = compiled()) {
            Checkpoint.save(file, m, Map.of("note", "hello"));
        }
        assertEquals("hello", SafeTensors.readMetadata(file).get("extra.note"));
        Path tiny = java.nio.file.Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.readMetadata(tiny));
        assertTrue(e.getMessage().contains("tiny.safetensors"), e.getMessage());
        byte[] huge = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        Path lying = java.nio.file.Files.write(dir.resolve("lying.safetensors"), huge);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.readMetadata(lying));
    }
}
