package dev.rnn4j.cli;

import dev.rnn4j.model.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --overwrite}: without it, a {@code --save} file that already exists is replaced only when it is a
 * checkpoint of the same training run (the one being resumed, or an earlier save of this run).
 */
final class OverwriteOption {

    @Option(names = "--overwrite", description = "Replace an existing --save file that holds another model.")
    boolean overwrite;

    /** Throws IllegalArgumentException when writing {@code save} for the run {@code runId} would replace another model. */
    void check(Path save, String runId) throws IOException {
        if (overwrite || !Files.exists(save)) return;
        if (!Files.isRegularFile(save)) throw new IllegalArgumentException(save + " exists and is not a file; give another --save");
        String what;
        boolean resumable = false;
        try {
            Map<String, String> meta = SafeTensors.readMetadata(save);
            if (runId.equals(meta.get("extra.run.id"))) return;
            resumable = meta.containsKey("extra.run.id");
            what = meta.containsKey("rnn4j.model") ? describe(meta) : "a safetensors file that is not an rnn4j checkpoint";
        } catch (IllegalArgumentException | IOException e) {
            what = "a file that is not an rnn4j checkpoint";
        }
        throw new IllegalArgumentException(save + " already exists and holds " + what + "; pass --overwrite to replace it"
                + (resumable ? ", or --resume " + save + " to continue training it" : ""));
    }

    private static String describe(Map<String, String> meta) {
        String task = meta.getOrDefault("extra.task", "model").replace('_', ' ');
        String position = meta.get("extra.run.position");
        String steps = position == null ? "" : " trained for " + position.substring(position.lastIndexOf(',') + 1) + " steps";
        return "another " + task + steps;
    }
}
