package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.keras.KerasFiles;
import dev.rnn4j.keras.ModelFormat;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.io.Checkpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnn4j convert IN OUT}: between Keras' .keras and .h5 and rnn4j's safetensors checkpoints, in any direction. */
@Command(name = "convert", description = {
        "Convert a model between formats: Keras 3 .keras, legacy Keras .h5, rnn4j .safetensors.",
        "  IN's format is read from its first bytes, OUT's from its extension.",
        "  Keras -> rnn4j keeps the CLI's task when --tokenizer is given (then 'rnn4j sample/classify' take the result)."})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The model to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (.keras, .h5 or .safetensors).")
    Path out;

    @Option(names = "--tokenizer", description = "Keras IN: its tokenizer (Tokenizer.to_json() or a TextVectorization vocabulary), stored in a .safetensors OUT.")
    Path tokenizer;

    @Option(names = "--labels", split = ",", description = "Keras IN with --tokenizer: class names of a classifier, comma-separated.")
    java.util.List<String> labels;

    @Option(names = "--batch-size", converter = NumberRanges.NonNegativeInt.class, description = "Keras OUT: the fixed batch size stateful recurrent layers need in Keras (0: none). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Mixin
    BackendOption backend = new BackendOption();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(in)) throw new IllegalArgumentException("model file not found: " + in);
        ModelFormat target = ModelFormat.forExtension(out);
        if (target == null) throw new IllegalArgumentException(out + ": name the output .keras, .h5 or .safetensors");
        BackendChoice choice = backend.choose();
        ModelFormat source = ModelFormat.detect(in);
        Model model = null;
        Map<String, String> extras = Map.of();
        try {
            if (source == ModelFormat.SAFETENSORS) {
                Checkpoint.Loaded loaded = Checkpoint.load(in, choice.backend());
                model = loaded.model();
                extras = loaded.extras();
            } else if (tokenizer != null) {
                Checkpoints.Opened opened = Checkpoints.open(in, choice.backend(), null, tokenizer, labels, err);
                model = opened.model();
                extras = opened.extras().toMap();
            } else {
                KerasFiles.Loaded loaded = KerasFiles.load(in, choice.backend());
                loaded.notes().forEach(n -> err.println("note: " + n));
                model = loaded.model();
            }
            if (target == ModelFormat.SAFETENSORS) {
                Checkpoint.save(out, model, extras);
            } else {
                KerasFiles.save(model, out, batchSize);
                if (extras.containsKey("tokenizer")) err.println("note: a Keras file holds no tokenizer; the rnn4j checkpoint's tokenizer is not written to " + out);
            }
            spec.commandLine().getOut().println("wrote " + out.toAbsolutePath() + " (" + model.parameterCount() + " parameters)");
            err.flush();
            return 0;
        } finally {
            if (model != null) model.close();
        }
    }
}
