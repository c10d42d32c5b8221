package dev.rnn4j.cli;

import dev.rnn4j.model.train.Callback;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One training run as a checkpoint carries it, so that {@code train --resume} continues it exactly: an id
 * (a checkpoint of the same run may be overwritten without {@code --overwrite}), the settings that shaped it,
 * a fingerprint of its data, where the next step starts (epoch and batch in that epoch's shuffled order), the
 * steps taken, the loss of every step and each epoch's logs. Weights, optimizer state and the dropout
 * counter are in the checkpoint itself ({@link dev.rnn4j.model.io.Checkpoint}).
 */
final class TrainingRun {

    private static final String PREFIX = "run.";

    /** One epoch's logs ("loss", "val_loss", "val_accuracy", ...) and the step it ended at; epoch is 1-based. */
    record EpochLog(int epoch, long step, Map<String, Double> logs) {
    }

    private final String id;
    private final Map<String, String> settings;
    private final String data;
    private final LossHistory losses;
    private final List<EpochLog> epochs;
    private int nextEpoch;
    private int nextBatch;
    private long steps;

    private TrainingRun(String id, Map<String, String> settings, String data, LossHistory losses, List<EpochLog> epochs, int nextEpoch, int nextBatch, long steps) {
        this.id = id;
        this.settings = settings;
        this.data = data;
        this.losses = losses;
        this.epochs = epochs;
        this.nextEpoch = nextEpoch;
        this.nextBatch = nextBatch;
        this.steps = steps;
    }

    /** A new run (a fresh id) with these settings, on data with this fingerprint. */
    static TrainingRun start(Map<String, String> settings, String data) {
        return new TrainingRun(UUID.randomUUID().toString(), new LinkedHashMap<>(settings), data, new LossHistory(), new ArrayList<>(), 0, 0, 0);
    }

    String id() {
        return id;
    }

    Map<String, String> settings() {
        return settings;
    }

    String data() {
        return data;
    }

    LossHistory losses() {
        return losses;
    }

    List<EpochLog> epochs() {
        return epochs;
    }

    /** 0-based epoch of the next step. */
    int nextEpoch() {
        return nextEpoch;
    }

    /** 0-based batch of the next step within its epoch. */
    int nextBatch() {
        return nextBatch;
    }

    /** Optimizer steps taken by the run so far, across resumes. */
    long steps() {
        return steps;
    }

    /** After a step: its loss, and the position of the next one. */
    void stepDone(Callback.BatchEnd b) {
        losses.add(b.loss());
        steps++;
        boolean lastOfEpoch = b.batch() + 1 == b.batches();
        nextEpoch = lastOfEpoch ? b.epoch() + 1 : b.epoch();
        nextBatch = lastOfEpoch ? 0 : b.batch() + 1;
    }

    void epochDone(int epoch, Map<String, Double> logs) {
        epochs.add(new EpochLog(epoch + 1, steps, Map.copyOf(logs)));
    }

    /** The checkpoint metadata entries ("run.*") of this run. */
    Map<String, String> extras() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "id", id);
        m.put(PREFIX + "settings", encode(settings));
        m.put(PREFIX + "data", data);
        m.put(PREFIX + "position", nextEpoch + "," + nextBatch + "," + steps);
        m.put(PREFIX + "loss_stride", Integer.toString(losses.stride()));
        m.put(PREFIX + "losses", losses.encode());
        StringBuilder e = new StringBuilder();
        for (EpochLog log : epochs) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("epoch", Integer.toString(log.epoch()));
            line.put("step", Long.toString(log.step()));
            log.logs().forEach((k, v) -> line.put(k, Double.toString(v)));
            e.append(encode(line)).append('\n');
        }
        m.put(PREFIX + "epochs", e.toString());
        return m;
    }

    /** True when {@code extras} hold a run (a checkpoint written by {@code rnn4j train}). */
    static boolean present(Map<String, String> extras) {
        return extras.containsKey(PREFIX + "id");
    }

    /** Reads a run back from checkpoint extras; {@code file} names the checkpoint in errors. */
    static TrainingRun read(Map<String, String> extras, String file) {
        String what = file + ": run record";
        try {
            String id = required(extras, "id", what);
            Map<String, String> settings = decode(required(extras, "settings", what));
            String[] position = required(extras, "position", what).split(",");
            if (position.length != 3) throw new IllegalArgumentException("position must be epoch,batch,steps");
            int epoch = Integer.parseInt(position[0]);
            int batch = Integer.parseInt(position[1]);
            long steps = Long.parseLong(position[2]);
            if (epoch < 0 || batch < 0 || steps < 0) throw new IllegalArgumentException("negative position " + String.join(",", position));
            LossHistory losses = LossHistory.decode(required(extras, "losses", what), Integer.parseInt(required(extras, "loss_stride", what)), what);
            List<EpochLog> epochs = new ArrayList<>();
            for (String line : required(extras, "epochs", what).split("\n")) {
                if (line.isEmpty()) continue;
                Map<String, String> fields = decode(line);
                int n = Integer.parseInt(fields.remove("epoch"));
                long step = Long.parseLong(fields.remove("step"));
                Map<String, Double> logs = new LinkedHashMap<>();
                fields.forEach((k, v) -> logs.put(k, Double.valueOf(v)));
                epochs.add(new EpochLog(n, step, logs));
            }
            return new TrainingRun(id, settings, required(extras, "data", what), losses, epochs, epoch, batch, steps);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(what + " is corrupted (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file) ? e : new IllegalArgumentException(what + " is corrupted (" + e.getMessage() + ")");
        }
    }

    private static String required(Map<String, String> extras, String key, String what) {
        String v = extras.get(PREFIX + key);
        if (v == null) throw new IllegalArgumentException(what + " lacks '" + PREFIX + key + "'");
        return v;
    }

    /** "k=v&k=v" with URL-encoded keys and values: one line whatever the values hold (tabs, newlines). */
    static String encode(Map<String, String> map) {
        StringBuilder sb = new StringBuilder();
        map.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static Map<String, String> decode(String s) {
        Map<String, String> map = new LinkedHashMap<>();
        if (s.isEmpty()) return map;
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("'" + pair + "' is not key=value");
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }
}
