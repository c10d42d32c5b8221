package dev.rnn4j.examples;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.cli.AttentionHeatmap;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An encoder–decoder with Luong attention ({@link EncoderDecoder}) learns to reverse digit strings
 * ({@link ReversalTask}): teacher forcing with {@code fit}, then greedy and beam-search decoding step by step with
 * the decoder's state carried, exact-match accuracy on strings it never saw, and the attention matrix of one of
 * them as a PNG heatmap (an anti-diagonal: output step i looks at input step n − 1 − i). The test suite runs
 * {@link #run} on every build.
 */
public final class AttentionSeq2SeqExample {

    /** Sizes and budget of one run. */
    public record Options(int trainPairs, int heldOut, int minLength, int maxLength, int epochs, int batchSize, int embedding, int units,
                          int beamWidth, long seed) {

        /** The test suite's run: 2,000 training strings of 4–10 digits, 200 others held out, 6 epochs of batches of 32. */
        public static Options quick() {
            return new Options(2000, 200, 4, 10, 6, 32, 16, 32, 3, 7);
        }
    }

    /** Exact-match accuracies on the held-out strings, one decoded example, its attention matrix, and the time spent. */
    public record Result(double greedyAccuracy, double beamAccuracy, String source, String decoded, float[][] attention, double trainSeconds,
                         double totalSeconds) {
    }

    private AttentionSeq2SeqExample() {
    }

    public static Result run(Backend backend, Options o) {
        long start = System.nanoTime();
        List<ReversalTask.Pair> train = ReversalTask.generate(o.trainPairs(), o.minLength(), o.maxLength(), o.seed(), Set.of());
        Set<String> seen = train.stream().map(ReversalTask.Pair::source).collect(Collectors.toCollection(HashSet::new));
        List<ReversalTask.Pair> test = ReversalTask.generate(o.heldOut(), o.minLength(), o.maxLength(), o.seed() + 1, seen);
        ReversalTask.Encoded data = ReversalTask.encode(train, o.maxLength());
        try (TensorScope scope = TensorScope.open(); EncoderDecoder model = new EncoderDecoder(backend, o.embedding(), o.units(), o.seed())) {
            model.training.compile(Optimizers.adam(1e-2f).clipNorm(1f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            Dataset dataset = Dataset.of(List.of(scope.fromIntArray(data.source()), scope.fromIntArray(data.decoderInput())),
                    List.of(scope.fromIntArray(data.decoderTarget())));
            model.training.fit(dataset, FitOptions.defaults().epochs(o.epochs()).batchSize(o.batchSize()).seed(o.seed()));
            double trainSeconds = (System.nanoTime() - start) / 1e9;

            ReversalTask.Encoded held = ReversalTask.encode(test, o.maxLength());
            Tensor sources = scope.fromIntArray(held.source());
            List<int[]> greedy = model.greedy(sources, o.maxLength() + 1);
            int greedyRight = 0, beamRight = 0;
            for (int i = 0; i < test.size(); i++) {
                String expected = test.get(i).target();
                if (ReversalTask.text(greedy.get(i)).equals(expected) && endsWithEnd(greedy.get(i))) greedyRight++;
                int[] beam = model.beam(scope.fromIntArray(new int[][] {held.source()[i]}), o.beamWidth(), o.maxLength() + 1);
                if (ReversalTask.text(beam).equals(expected)) beamRight++;
            }
            ReversalTask.Pair shown = test.getFirst();
            float[][] attention = model.attention(scope.fromIntArray(new int[][] {held.source()[0]}), o.maxLength() + 1);
            String decoded = ReversalTask.text(greedy.getFirst());
            return new Result((double) greedyRight / test.size(), (double) beamRight / test.size(), shown.source(), decoded,
                    trim(attention, shown.source().length()), trainSeconds, (System.nanoTime() - start) / 1e9);
        }
    }

    private static boolean endsWithEnd(int[] tokens) {
        return tokens.length > 0 && tokens[tokens.length - 1] == ReversalTask.END;
    }

    /** The attention rows over the source's real steps (the padding gets no weight). */
    private static float[][] trim(float[][] attention, int sourceLength) {
        float[][] out = new float[attention.length][];
        for (int r = 0; r < attention.length; r++) out[r] = java.util.Arrays.copyOf(attention[r], sourceLength);
        return out;
    }

    /** Writes the example's attention matrix as a heatmap: rows are the decoded digits (and the end token), columns the source's. */
    public static void writeHeatmap(Result r, Path png) {
        List<String> rows = new ArrayList<>();
        for (char c : r.decoded().toCharArray()) rows.add(String.valueOf(c));
        while (rows.size() < r.attention().length) rows.add("<end>");
        List<String> columns = new ArrayList<>();
        for (char c : r.source().toCharArray()) columns.add(String.valueOf(c));
        AttentionHeatmap.writePng(png, "attention while reversing " + r.source(), rows, columns, r.attention());
    }

    public static void main(String[] args) {
        try (Backend backend = Backends.auto().backend()) {
            Result r = run(backend, Options.quick());
            System.out.printf("backend %s: exact match on %d held-out strings: greedy %.1f%%, beam %.1f%% (trained in %.1f s, %.1f s in all)%n",
                    backend.name(), Options.quick().heldOut(), 100 * r.greedyAccuracy(), 100 * r.beamAccuracy(), r.trainSeconds(), r.totalSeconds());
            Path png = Path.of(args.length > 0 ? args[0] : "reversal-attention.png");
            writeHeatmap(r, png);
            System.out.println(r.source() + " -> " + r.decoded() + "; attention written to " + png.toAbsolutePath());
        }
    }
}
